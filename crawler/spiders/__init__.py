"""One base spider per CMS family; `spider_for(cms)` picks the class for a registry entry."""

from __future__ import annotations

from crawler.spiders.generic import GenericSpider
from crawler.spiders.hanweb import HanwebSpider
from crawler.spiders.trs import TrsSpider
from crawler.spiders.vsb import VsbSpider

SPIDERS = {cls.cms: cls for cls in (VsbSpider, TrsSpider, HanwebSpider, GenericSpider)}


def spider_for(cms: str):
    try:
        return SPIDERS[cms]
    except KeyError:
        raise KeyError(f"no spider for CMS family {cms!r}; known: {', '.join(sorted(SPIDERS))}") from None
