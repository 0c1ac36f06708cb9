"""Distributed crawling: several crawler processes, on one machine or many, share one frontier in Redis.

`govreports crawl PORTAL --redis redis://HOST:PORT/0 [--worker NAME]` swaps Scrapy's scheduler and dupefilter
for scrapy-redis's, with every key namespaced per portal job (`govreports:{portal id}:…`):

    requests    the shared frontier (scrapy-redis priority queue)
    dupefilter  fingerprints of every request ever scheduled in the job (seed requests included)
    workers     sorted set: worker → last sign of life (Redis server time, so machine clocks do not matter)
    busy        sorted set: workers that have taken work and not yet gone idle
    done        set once the job has finished

Storage — one SQLite database and one raw archive per worker, merged afterwards. SQLite is a single-writer,
local-disk database: several machines cannot share one file, and funnelling every item through one writer
would make that writer the bottleneck and a single point of failure. So each worker keeps its own `--db`
and `--archive` exactly as a single-process crawl does (a worker is an ordinary crawl that happens to take
its requests from Redis), and `govreports merge OUT.db IN.db …` combines the worker databases: documents
upserted by their URL-derived id with their child rows and full-text index rebuilt through the store,
attachments by id, crawl runs and errors appended (see `crawler.merge`). An incremental crawl skips what
its own database knows, so for a later incremental distributed crawl start every worker from a copy of
the merged database.

Seed requests are ordinary filterable requests: every worker issues the portal's start columns, and the
shared dupefilter lets only the first copy of each into the frontier (scrapy-redis's own seeding marks them
`dont_filter`, which would fetch a seed twice when a page links back to it).

When the job ends — every worker sees the frontier empty and no worker busy:
* a worker is busy from the moment it joins (before its seed requests are scheduled) and from every request
  it takes off the frontier — taking and marking busy are one atomic Redis script, so no other worker can
  see "queue empty, nobody busy" in between;
* when its engine has nothing left (Scrapy's `spider_idle`), a worker marks itself idle; if the frontier is
  empty and no worker is busy, it declares the job done and closes; otherwise it stays open, polls Redis
  every `GOVREPORTS_REDIS_POLL` seconds and helps with whatever the busy workers add;
* a worker that has not shown a sign of life for `GOVREPORTS_REDIS_WORKER_TIMEOUT` seconds (killed, or its
  machine lost) no longer counts as busy, so the others' wait is bounded. The requests it had taken are
  lost to this job (their fingerprints are in the dupefilter): up to CONCURRENT_REQUESTS of them, since
  Scrapy's engine fills its downloader that far and the downloader keeps CONCURRENT_REQUESTS_PER_DOMAIN
  of them per host in flight. A later crawl of the portal fetches the articles among them (they are not
  in the database); a lost list page hides its articles until a `--mode full` crawl walks it again;
* `SCHEDULER_PERSIST` stays True (with False the first worker to close would flush the frontier under the
  others); the last worker out of a finished job deletes its keys, and they expire after the worker timeout
  should a dead worker never leave. A job that did not finish (every worker interrupted) keeps its
  frontier in Redis, and the next crawl with `--redis` resumes it.

Each worker sees only the list pages it fetched itself, so removal detection (articles missing from a
complete walk of the lists) is off in distributed crawls.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import warnings
from dataclasses import dataclass

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured, ScrapyDeprecationWarning
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

log = logging.getLogger(__name__)
# scrapy-redis 0.9.1 still uses APIs Scrapy 2.19 deprecates (`spider=` on every stats call, `Spider.log`).
warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module=r"scrapy_redis\.")

KEY_PREFIX = "govreports"
# Redis out of reach. Each call blocks the reactor until it fails, so the timeouts are short (scrapy-redis: 30 s).
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
REDIS_PARAMS = {"socket_timeout": 5, "socket_connect_timeout": 5}

# Every script reads the clock from the Redis server, so workers on machines with skewed clocks agree.
_NOW = "local now = tonumber(redis.call('TIME')[1])\n"

# KEYS: requests, busy. ARGV: worker. Takes the frontier's first request and marks the worker busy, atomically.
CLAIM = (
    _NOW
    + """
local first = redis.call('ZRANGE', KEYS[1], 0, 0)
if #first == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('ZADD', KEYS[2], now, ARGV[1])
return first[1]
"""
)

# KEYS: workers, busy. ARGV: worker.
JOIN = (
    _NOW
    + """
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZADD', KEYS[2], now, ARGV[1])
"""
)

# KEYS: workers, busy. ARGV: worker. A sign of life; `busy` is refreshed only if the worker is in it.
HEARTBEAT = (
    _NOW
    + """
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZADD', KEYS[2], 'XX', now, ARGV[1])
"""
)

# KEYS: requests, busy, workers, done, dupefilter. ARGV: worker, timeout. Returns 1 when the job is done.
IDLE = (
    _NOW
    + """
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
if redis.call('EXISTS', KEYS[4]) == 1 then return 1 end
if redis.call('ZCARD', KEYS[1]) > 0 or redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
redis.call('SET', KEYS[4], now)
for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ARGV[2]) end
return 1
"""
)

# KEYS: requests, busy, workers, done, dupefilter. ARGV: worker, timeout.
# Returns 1 when this was the last live worker of a finished job and the keys were deleted.
LEAVE = (
    _NOW
    + """
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[2]))
if redis.call('EXISTS', KEYS[4]) == 0 or redis.call('ZCARD', KEYS[3]) > 0 then return 0 end
redis.call('DEL', unpack(KEYS))
return 1
"""
)


@dataclass(frozen=True)
class JobKeys:
    """The Redis keys of one portal's distributed crawl."""

    prefix: str

    @classmethod
    def for_portal(cls, portal_id: str) -> JobKeys:
        return cls(f"{KEY_PREFIX}:{portal_id}")

    @property
    def requests(self) -> str:
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.prefix}:dupefilter"

    @property
    def busy(self) -> str:
        return f"{self.prefix}:busy"

    @property
    def workers(self) -> str:
        return f"{self.prefix}:workers"

    @property
    def done(self) -> str:
        return f"{self.prefix}:done"

    def all(self) -> list[str]:
        """In the order the IDLE and LEAVE scripts expect."""
        return [self.requests, self.busy, self.workers, self.done, self.dupefilter]


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def redis_settings(portal_id: str, redis_url: str, worker: str | None = None) -> dict:
    """The Scrapy settings that make a crawl one worker of the portal's distributed job."""
    keys = JobKeys.for_portal(portal_id)
    return {
        "REDIS_URL": redis_url,
        "REDIS_PARAMS": REDIS_PARAMS,
        "SCHEDULER": "crawler.distributed.WorkerScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.ClaimingQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "GOVREPORTS_REDIS_JOB": keys.prefix,
        "GOVREPORTS_REDIS_WORKER": worker or default_worker_name(),
    }


def worker_of(settings) -> tuple[JobKeys, str]:
    return JobKeys(settings["GOVREPORTS_REDIS_JOB"]), settings["GOVREPORTS_REDIS_WORKER"]


class ClaimingQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop also marks this worker busy, in one atomic step."""

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.keys, self.worker = worker_of(spider.settings)
        self._claim = server.register_script(CLAIM)

    def pop(self, timeout=0):
        data = self._claim(keys=[self.key, self.keys.busy], args=[self.worker])
        return self._decode_request(data) if data else None


class WorkerScheduler(Scheduler):
    """scrapy-redis's scheduler, riding out a Redis outage: nothing to take meanwhile, and a new request
    that cannot be stored is dropped and counted (`govreports/requests_lost_to_redis`) rather than raised
    into the engine. How long the outage may last is the Coordinator's call."""

    def enqueue_request(self, request):
        try:
            return super().enqueue_request(request)
        except REDIS_DOWN as exc:
            self.stats.inc_value("govreports/requests_lost_to_redis")
            log.warning("Redis is unreachable (%s): dropped %s", exc, request)
            return False

    def next_request(self):
        try:
            return super().next_request()
        except REDIS_DOWN:
            return None

    def has_pending_requests(self):
        try:
            return super().has_pending_requests()
        except REDIS_DOWN:
            return False


class Coordinator:
    """The extension that keeps a worker open while others still work, and cleans up after the job.

    If Redis cannot be reached for `GOVREPORTS_REDIS_WORKER_TIMEOUT` seconds, the worker closes with the
    reason `redis_unreachable` (its crawl run's status); requests its callbacks produce meanwhile are lost.
    """

    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.keys, self.worker = worker_of(settings)
        self.poll = settings.getfloat("GOVREPORTS_REDIS_POLL", 0.5)
        self.timeout = settings.getint("GOVREPORTS_REDIS_WORKER_TIMEOUT", 120)
        self.server = get_redis_from_settings(settings)
        self._join, self._heartbeat, self._idle, self._leave = (
            self.server.register_script(s) for s in (JOIN, HEARTBEAT, IDLE, LEAVE)
        )
        self._beat = create_looping_call(self.heartbeat)
        self._unreachable_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("GOVREPORTS_REDIS_JOB"):
            raise NotConfigured("not a distributed crawl")
        coordinator = cls(crawler)
        crawler.signals.connect(coordinator.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(coordinator.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(coordinator.spider_closed, signal=signals.spider_closed)
        return coordinator

    def spider_opened(self, spider):
        spider.complete_lists = False  # no worker walks every list page itself
        # An idle engine looks at its scheduler only on its heartbeat (5 s in Scrapy 2.19); a waiting worker
        # should pick up what the others add sooner. (Private attribute: a rename only slows the pick-up.)
        self.crawler.engine._SLOT_HEARTBEAT_INTERVAL = self.poll
        self._join(keys=[self.keys.workers, self.keys.busy], args=[self.worker])
        self._beat.start(min(5.0, self.timeout / 4), now=False)
        log.info("worker %s joined job %s", self.worker, self.keys.prefix)

    def heartbeat(self):
        try:
            self._heartbeat(keys=[self.keys.workers, self.keys.busy], args=[self.worker])
        except REDIS_DOWN as exc:
            self._redis_down(exc)
        else:
            if self._unreachable_since is not None:
                log.info("Redis is back")
            self._unreachable_since = None

    def _redis_down(self, exc: Exception) -> None:
        now = time.monotonic()
        if self._unreachable_since is None:
            self._unreachable_since = now
            log.warning("Redis is unreachable (%s); waiting up to %d s for it", exc, self.timeout)
        elif now - self._unreachable_since > self.timeout:
            log.error("Redis has been unreachable for %d s: this worker stops", self.timeout)
            self._beat.stop()
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="redis_unreachable"))

    def spider_idle(self, spider):
        try:
            done = self._idle(keys=self.keys.all(), args=[self.worker, self.timeout])
        except REDIS_DOWN:
            raise DontCloseSpider("Redis is unreachable: the heartbeat decides how long to wait") from None
        if not done:
            raise DontCloseSpider("other workers are still busy")
        log.info("job %s is done: the frontier is empty and no worker is busy", self.keys.prefix)

    def spider_closed(self, spider, reason):
        if self._beat.running:
            self._beat.stop()
        try:
            if self._leave(keys=self.keys.all(), args=[self.worker, self.timeout]):
                log.info("last worker out: deleted the keys of job %s", self.keys.prefix)
        except REDIS_DOWN as exc:
            log.warning("could not leave job %s: %s", self.keys.prefix, exc)
