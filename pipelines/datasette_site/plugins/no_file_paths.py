"""Datasette plugin: the site does not tell visitors where its database files are on the server.

Datasette's `/-/databases` lists every database with its full file path (which names the user's home
directory and layout). This route, registered before Datasette's own, answers the same list without it.
"""

from datasette import hookimpl
from datasette.utils.asgi import Response


async def databases(datasette):
    return Response.json(
        [
            {
                "name": name,
                "route": database.route,
                "size": database.size,
                "is_mutable": database.is_mutable,
                "is_memory": database.is_memory,
                "hash": database.hash,
            }
            for name, database in datasette.databases.items()
            if name != "_internal"
        ]
    )


@hookimpl
def register_routes():
    return [(r"^/-/databases(\.json)?$", databases)]
