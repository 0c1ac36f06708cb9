"""Scrapy settings. Defaults are polite for live government portals; a registry entry may override them
(the loopback sample portal turns the delays off)."""

BOT_NAME = "govreports"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"  # `scrapy crawl` refuses a missing portal in one line

USER_AGENT = "govreports/0.1 (+https://github.com/govreports/govreports; research crawler of public disclosure pages)"

# Politeness for live portals: robots.txt, one request at a time per host, adaptive delays.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60

# Server faults are retried with exponential backoff; what still fails is recorded in crawl_errors.
RETRY_ENABLED = True
GOVREPORTS_RETRY_BACKOFF = 2.0  # seconds before the first retry, doubling each time
GOVREPORTS_RETRY_BACKOFF_MAX = 60.0
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

DOWNLOADER_MIDDLEWARES = {
    # The fetch policy (crawler/fetch_policy.py) takes the place of Scrapy's OffsiteMiddleware (50).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.fetch_policy.FetchPolicyMiddleware": 50,
    # The archive sees every response first (errors and challenge pages included), then challenges are caught.
    "crawler.middlewares.ArchiveMiddleware": 950,
    "crawler.challenge.ChallengeMiddleware": 900,
    "crawler.backoff.RedirectLoopMiddleware": 610,  # sees 3xx before Scrapy's RedirectMiddleware (600)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.backoff.BackoffRetryMiddleware": 550,  # retries wait: exponential backoff, Retry-After honoured
}
# Only http and https are ever fetched: the other download handlers are off (see crawler/fetch_policy.py).
DOWNLOAD_HANDLERS = {"ftp": None, "file": None, "data": None, "s3": None}
# Caps of one run: list pages per column (a pager printing 1/3000000 is not trusted), requests, and the raw
# archive's size per portal. Reaching one is a `cap_reached` row in crawl_errors.
GOVREPORTS_MAX_LIST_PAGES = 1000
GOVREPORTS_MAX_REQUESTS = 200_000
GOVREPORTS_MAX_ARCHIVE_BYTES = 20 * 1024**3
# A JavaScript bot-challenge page is retried this many times, this many seconds later, then recorded.
GOVREPORTS_CHALLENGE_RETRIES = 1
GOVREPORTS_CHALLENGE_RETRY_DELAY = 300
DUPEFILTER_CLASS = "crawler.dupefilter.RunDupeFilter"
ITEM_PIPELINES = {
    "crawler.pipelines.StorePipeline": 300,
}

# Page and attachment extraction runs in this many supervised processes (1 or more: never in the crawl's own
# thread, where it would stall the downloads). A page taking longer than the timeout, or more memory than the
# cap, is stopped and recorded (extract_timeout / extract_memory); attachments have their own caps
# (pipelines.attachments).
GOVREPORTS_EXTRACT_PROCESSES = 1
GOVREPORTS_EXTRACT_TIMEOUT = 20
GOVREPORTS_EXTRACT_MEMORY_MB = 500

# Where the crawl writes (the CLI sets these from its options).
GOVREPORTS_DB = "data/reports.db"
GOVREPORTS_ARCHIVE = "data/archive"
# Crawls into one database take turns: a second crawl waits this long (seconds) for the first, then gives up.
GOVREPORTS_DB_LOCK_WAIT = 3600
# Attachments larger than this are not downloaded (bytes).
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024

# Distributed crawls (--redis): a waiting worker polls the shared frontier this often, and a silent worker
# (or an unreachable Redis) is waited for this long.
GOVREPORTS_REDIS_POLL = 0.5
GOVREPORTS_REDIS_WORKER_TIMEOUT = 120

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
