"""`scrapy crawl FAMILY -a portal=ID`, refusing a missing or unknown portal in one line instead of a traceback.

Every spider of this project crawls one registry portal; `govreports crawl ID` is the usual way in, but plain
`scrapy crawl` and Scrapyd (which runs `scrapy crawl` with `-a` arguments) must work the same.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler.registry import UnknownPortal, get_portal


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts) -> None:
        """Checked here, before Scrapy builds its crawler process (and prints its start-up banner)."""
        super().process_options(args, opts)
        problem = self._portal_problem(args, opts.spargs)
        if problem:
            print(f"scrapy crawl: {problem}", file=sys.stderr)
            sys.exit(2)

    @staticmethod
    def _portal_problem(args: list[str], spider_arguments: dict) -> str | None:
        if len(args) != 1:
            return None  # Scrapy's own usage error
        portal = spider_arguments.get("portal")
        if not portal:
            return f"{args[0]} needs a portal: -a portal=ID (`govreports portals` lists them)"
        try:
            get_portal(portal)
        except UnknownPortal as error:
            return error.args[0]
        return None
