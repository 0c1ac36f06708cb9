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
    # The archive sees every response first (errors and challenge pages included), then challenges are caught.
    "crawler.middlewares.ArchiveMiddleware": 950,
    "crawler.challenge.ChallengeMiddleware": 900,
    "crawler.backoff.RedirectLoopMiddleware": 610,  # sees 3xx before Scrapy's RedirectMiddleware (600)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.backoff.BackoffRetryMiddleware": 550,  # retries wait: exponential backoff, Retry-After honoured
}
# A JavaScript bot-challenge page is retried this many times, this many seconds later, then recorded.
GOVREPORTS_CHALLENGE_RETRIES = 1
GOVREPORTS_CHALLENGE_RETRY_DELAY = 300
DUPEFILTER_CLASS = "crawler.dupefilter.RunDupeFilter"
ITEM_PIPELINES = {
    "pipelines.crawl.StorePipeline": 300,
}

# Page extraction runs in this many separate processes (0: in the crawl's own thread).
GOVREPORTS_EXTRACT_PROCESSES = 1

# Where the crawl writes (the CLI sets these from its options).
GOVREPORTS_DB = "data/reports.db"
GOVREPORTS_ARCHIVE = "data/archive"
# Attachments larger than this are not downloaded (bytes).
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024

# Distributed crawls (--redis): a waiting worker polls the shared frontier this often, and a silent worker
# (or an unreachable Redis) is waited for this long.
GOVREPORTS_REDIS_POLL = 0.5
GOVREPORTS_REDIS_WORKER_TIMEOUT = 120

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
