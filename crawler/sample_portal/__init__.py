"""The bundled offline sample portal: a static VSB/博达 county portal (modelled on 开远市) and its loopback server.

`build.build_site()` renders it into `data/sample_portal/site/`, `server.serve(root)` serves a built directory,
`content` holds what it publishes and the truth a crawl + extract should reproduce. All of it is sample data.
"""
