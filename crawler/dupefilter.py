"""A dupefilter that forgets between processes, even with a JOBDIR.

Scrapy's RFPDupeFilter saves every fingerprint into JOBDIR/requests.seen. After a SIGKILL that file holds
requests that were in flight and never landed, and a resumed crawl would skip them forever. The database is
the record of what landed (a resumed crawl walks the lists and fetches only unknown articles), so the
fingerprints only need to prevent duplicates within one process.
"""

from __future__ import annotations

from scrapy.dupefilters import RFPDupeFilter


class RunDupeFilter(RFPDupeFilter):
    @classmethod
    def from_crawler(cls, crawler):
        return cls(None, crawler.settings.getbool("DUPEFILTER_DEBUG"), fingerprinter=crawler.request_fingerprinter)
