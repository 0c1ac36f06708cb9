"""A supervised pool of extraction processes: every page and attachment of a crawl is parsed in one, under a
time cap and a memory cap, and a worker that overruns or dies is replaced without taking later work with it.

`concurrent.futures.ProcessPoolExecutor` is the wrong tool here: a worker killed by the kernel (out of memory)
breaks the whole executor, and every later page of the run fails with `BrokenProcessPool`; nor can it stop one
task that runs too long. Here each worker is a spawned process serving tasks over its own pipe:

* time: the parent waits `timeout` seconds for the answer, then kills the worker (`TaskTimeout`);
* memory: before each task the worker caps its own address space at its size after start-up plus
  `max_memory` (RLIMIT_AS), so a runaway allocation fails inside the worker (`MemoryError`) instead of
  growing until the kernel's OOM killer picks a process; the worker then exits, as it does after any fatal
  signal, and the parent raises `TaskMemory`;
* replacement: a killed or dead worker is replaced by a fresh one before the next task is handed out.

Exceptions a task raises (a malformed page) come back to the caller as they are. Workers also end with the
crawl that started them, even one killed with SIGKILL (`die_with_parent`).
"""

from __future__ import annotations

import asyncio
import ctypes
import importlib
import os
import resource
import signal
import sys
from multiprocessing import get_context

MB = 1024 * 1024
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
PRELOAD = ("pipelines.extract",)  # imported before the baseline size is measured
READY = "ready"  # a worker's first message: started and imported, so a task's time counts from its hand-over
STARTUP_TIMEOUT = 120.0  # seconds a new worker may take to start (a loaded machine, a cold disk)


class TaskFailed(Exception):
    """The worker could not finish the task; `kind` is its `crawl_errors` kind."""

    kind = "extract_failed"


class TaskTimeout(TaskFailed):
    kind = "extract_timeout"


class TaskMemory(TaskFailed):
    kind = "extract_memory"


def die_with_parent(parent: int) -> None:
    """A crawl killed with SIGKILL must not leave its workers waiting forever for work (Linux's
    PR_SET_PDEATHSIG; elsewhere a worker ends when the crawl closes its pipe). A crawl killed while this
    process was still starting is noticed by the parent pid having changed."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _serve(conn, parent: int) -> None:
    """A worker's life: answer (ok, value) for each (function, args, kwargs, max_memory) until the pipe closes;
    exit after a MemoryError, whose aftermath (a fragmented heap, half-built objects) is not worth keeping."""
    die_with_parent(parent)
    for module in PRELOAD:
        importlib.import_module(module)
    baseline = _address_space() if os.path.exists("/proc/self/statm") else None
    conn.send(READY)
    while True:
        try:
            function, args, kwargs, max_memory = conn.recv()
        except (EOFError, OSError):
            return
        if baseline is not None:
            resource.setrlimit(resource.RLIMIT_AS, (baseline + max_memory, resource.RLIM_INFINITY))
        try:
            answer = (True, function(*args, **kwargs))
        except MemoryError:
            os._exit(3)
        except Exception as exc:  # noqa: BLE001 - the caller decides what a task's failure means
            answer = (False, exc)
        try:
            conn.send(answer)
        except MemoryError:
            os._exit(3)
        except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled
            conn.send((False, TaskFailed(f"the answer could not be sent back: {type(exc).__name__}: {exc}")))


class Worker:
    def __init__(self, context):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.started = False

    def run(self, function, args: tuple, kwargs: dict, timeout: float, max_memory: int):
        """Run one task (blocking: the pool calls this in a thread)."""
        if not self.started:
            if not self.conn.poll(STARTUP_TIMEOUT) or self.conn.recv() != READY:
                raise TaskFailed(f"the extraction process did not start within {STARTUP_TIMEOUT:g} s")
            self.started = True
        self.conn.send((function, args, kwargs, max_memory))
        if not self.conn.poll(timeout):
            raise TaskTimeout(f"extraction took longer than {timeout:g} s; its process was killed")
        try:
            ok, value = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            raise TaskMemory(
                f"the extraction process died ({_describe(self.process.exitcode)}) under its memory cap "
                f"of {max_memory / MB:g} MB"
            ) from None
        if ok:
            return value
        raise value

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


def _describe(exitcode: int | None) -> str:
    if exitcode is None:
        return "no exit status"
    if exitcode < 0:
        return f"killed by signal {-exitcode}"
    return "out of memory" if exitcode == 3 else f"exit status {exitcode}"


class SupervisedPool:
    """`processes` workers; `await pool.run(function, *args, timeout=…, max_memory=…, **kwargs)` runs one task
    in the first idle worker. Functions and arguments must be picklable (module-level functions)."""

    def __init__(self, processes: int):
        self.context = get_context("spawn")
        self.workers = [Worker(self.context) for _ in range(processes)]
        self.idle: asyncio.Queue | None = None  # made in the event loop on first use

    async def run(self, function, *args, timeout: float, max_memory: int, **kwargs):
        if self.idle is None:
            self.idle = asyncio.Queue()
            for worker in self.workers:
                self.idle.put_nowait(worker)
        worker = await self.idle.get()
        try:
            return await asyncio.to_thread(worker.run, function, args, kwargs, timeout, max_memory)
        except TaskFailed:
            worker = self._replace(worker)
            raise
        finally:
            self.idle.put_nowait(worker)

    def call(self, function, *args, timeout: float, max_memory: int, **kwargs):
        """`run` for a caller without an event loop (`rebuild`): one task at a time, in the first worker."""
        worker = self.workers[0]
        try:
            return worker.run(function, args, kwargs, timeout, max_memory)
        except TaskFailed:
            self._replace(worker)
            raise

    def _replace(self, worker: Worker) -> Worker:
        worker.stop()
        fresh = Worker(self.context)
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
