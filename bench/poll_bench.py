"""Feed-polling benchmark: 1,000 sources on a local server that answers each feed after 200 ms.

One full round of polls through the real paths, each beside the sequential
floor (sources × delay, 200 s for the defaults):

- the embedded default: `manage.py import_feeds` on a fresh SQLite file, no broker;
- Celery: the beat's task on Redis, polled by worker processes, on PostgreSQL.

After each round it checks that no feed was requested twice and that every
source's state was recorded (a last success and a next fetch time). It also
prints the CPU time the pollers used (user and system, all their threads):
on a shared, busy machine the wall time varies from run to run, that much less.

    .venv/bin/python bench/poll_bench.py [--sources 1000] [--hosts 200] [--delay 0.2]
        [--workers 2] [--threads 32] [--worker-threads 16] [--skip-celery] [--skip-embedded]

The server listens only on 127.0.0.1: one port per publisher ("host"), so
the per-host limit (FEED_PER_HOST_CONCURRENCY) is in force as in production.
Databases: var/bench_poll.sqlite3 and syn_bench_poll on PostgreSQL
(dropped and created by the script); Redis database 12 as the broker.
"""

import argparse
import asyncio
import json
import os
import resource
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench_poll.sqlite3"
PG_URL = "postgres://postgres@127.0.0.1:5432/syn_bench_poll"
BROKER_URL = "redis://127.0.0.1:6379/12"
QUEUE = f"syn-bench-poll-{os.getpid()}"
ROUND_TIMEOUT = 300  # seconds; a round that takes longer is reported as failed
TARGET = 20.0  # seconds for one full round of 1,000 sources on this 2-core machine (issue 13)

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Feed {n}</title><link>https://pub{n}.example.org/</link>
<description>Benchmark feed {n}</description>{items}</channel></rss>"""
ITEM = """<item><title>Story {k} of feed {n}</title>
<link>https://pub{n}.example.org/story-{k}</link><guid>feed-{n}-story-{k}</guid>
<pubDate>Tue, 01 Dec 2026 0{k}:00:00 GMT</pubDate>
<description>&lt;p&gt;The {k}th story of feed {n}, in a few words.&lt;/p&gt;</description></item>"""


# --- the feed server (a subprocess) ---------------------------------------


def serve(ports: int, delay: float) -> None:
    """Listens on `ports` ports of 127.0.0.1; prints them as JSON; answers after `delay`."""
    counts: dict[str, int] = {}

    async def handle(reader, writer):
        try:
            request = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        path = request.split(b" ", 2)[1].decode()
        if path == "/_stats":
            body, kind = json.dumps(counts).encode(), "application/json"
        elif path == "/_reset":
            counts.clear()
            body, kind = b"{}", "application/json"
        else:
            counts[path] = counts.get(path, 0) + 1
            await asyncio.sleep(delay)
            n = int(path.rsplit("-", 1)[1].split(".")[0])
            items = "".join(ITEM.format(n=n, k=k) for k in range(1, 4))
            body, kind = FEED.format(n=n, items=items).encode(), "application/rss+xml"
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        writer.write(head.encode() + body)
        try:
            await writer.drain()
        finally:
            writer.close()

    async def main():
        servers = [
            await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024) for _ in range(ports)
        ]
        print(json.dumps([s.sockets[0].getsockname()[1] for s in servers]), flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


class FeedServer:
    def __init__(self, hosts: int, delay: float):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(hosts), "--delay", str(delay)],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ports = json.loads(self.process.stdout.readline())

    def _get(self, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.ports[0]}{path}", timeout=10) as r:
            return json.loads(r.read())

    def counts(self) -> dict:
        return self._get("/_stats")

    def reset(self) -> None:
        self._get("/_reset")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)


# --- the rounds -----------------------------------------------------------


def base_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "benchmark-only-not-a-secret",
        "DATABASE_URL": database_url,
        "FEED_ALLOW_PRIVATE_ADDRESSES": "true",
        "LOG_LEVEL": "WARNING",
        "CELERY_BROKER_URL": "",
    }


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, **kwargs
    )


SEED = """
import sys
from syndication.models import Source
ports, count = {ports!r}, {count}
Source.objects.bulk_create(
    Source(name=f"Feed {{n}}", slug=f"feed-{{n}}", homepage=f"https://pub{{n}}.example.org/",
           feed_url=f"http://127.0.0.1:{{ports[n % len(ports)]}}/feed-{{n}}.xml")
    for n in range(count)
)
"""

CHECK = """
import json
from syndication.models import Article, Source
print(json.dumps({
    "sources": Source.objects.count(),
    "recorded": Source.objects.filter(last_success_at__isnull=False,
                                      next_fetch_at__isnull=False).count(),
    "failed": Source.objects.filter(consecutive_failures__gt=0).count(),
    "leases_left": Source.objects.filter(poll_lease_until__isnull=False).count(),
    "articles": Article.objects.count(),
}))
"""


def prepare(env, server, count):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "shell", "--no-imports", "-c", SEED.format(ports=server.ports, count=count))
    server.reset()


def check(env, server, count) -> dict:
    out = manage(env, "shell", "--no-imports", "-c", CHECK, capture_output=True, text=True).stdout
    state = json.loads(out)
    counts = server.counts()
    state["polled_twice"] = sum(1 for c in counts.values() if c > 1)
    state["feeds_requested"] = len(counts)
    state["ok"] = (
        state["recorded"] == count
        and state["polled_twice"] == 0
        and state["feeds_requested"] == count
        and state["failed"] == 0
    )
    return state


def embedded_round(server, count, threads) -> tuple[float, dict]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    env = base_env(f"sqlite:///{SQLITE_PATH}")
    env["FEED_POLL_WORKERS"] = str(threads)
    prepare(env, server, count)
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (ROOT / "var" / "bench_poll_embedded.log").open("w") as log:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "import_feeds"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, timeout=ROUND_TIMEOUT,
            check=False,
        )  # fmt: skip
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, {**check(env, server, count), "cpu": cpu}


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def recreate_pg():
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "syn_bench_poll" WITH (FORCE)')
        conn.execute('CREATE DATABASE "syn_bench_poll"')


def celery_round(server, count, workers, threads) -> tuple[float, dict]:
    import psycopg

    recreate_pg()
    env = base_env(PG_URL)
    env.update(CELERY_BROKER_URL=BROKER_URL, CELERY_QUEUE=QUEUE)
    prepare(env, server, count)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "threads",
                "--concurrency",
                str(threads),
                "--queues",
                QUEUE,
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"{QUEUE}-{n}@%h",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for n in range(workers)
    ]
    try:
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        from config.celery import app

        app.conf.update(broker_url=BROKER_URL, task_default_queue=QUEUE)
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=1.0)) < workers:
            if time.monotonic() > deadline:
                raise SystemExit("The Celery workers did not start")
        started = time.perf_counter()
        cpu_before = sum(_cpu_seconds(p.pid) for p in processes)
        app.send_task("syndication.tasks.poll_due_sources", queue=QUEUE)
        deadline = time.monotonic() + ROUND_TIMEOUT
        # Counted over one plain connection: a Django process per look would
        # take the workers' CPU.
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            while time.monotonic() < deadline:
                done = conn.execute(
                    "SELECT count(*) FROM syndication_source WHERE last_fetched_at IS NOT NULL"
                ).fetchone()[0]
                if done >= count:
                    break
                time.sleep(0.25)

        elapsed = time.perf_counter() - started
        cpu = sum(_cpu_seconds(p.pid) for p in processes) - cpu_before
        time.sleep(2)  # room for a second poll of any source to show up in the counts
        return elapsed, {**check(env, server, count), "cpu": cpu}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        import redis

        redis.Redis.from_url(BROKER_URL).delete(
            QUEUE, f"_kombu.binding.{QUEUE}", f"_kombu.binding_permanent.{QUEUE}"
        )


def report(label, elapsed, state, floor):
    print(
        f"  {label:<34}{elapsed:7.1f} s  {floor / elapsed:5.1f}x faster than the floor  "
        f"{'OK' if state['ok'] else 'NOT OK'}: {state['recorded']}/{state['sources']} recorded, "
        f"{state['feeds_requested']} feeds requested, {state['polled_twice']} twice, "
        f"{state['failed']} failed, {state['articles']} articles; "
        f"pollers' CPU {state['cpu']:.1f} s; "
        f"target <= {TARGET:.0f} s: {'met' if elapsed <= TARGET else 'MISSED'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes")
    parser.add_argument(
        "--threads", type=int, default=32, help="import_feeds threads (FEED_POLL_WORKERS)"
    )
    parser.add_argument(
        "--worker-threads", type=int, default=16, help="threads per Celery worker (compose's)"
    )
    parser.add_argument("--skip-celery", action="store_true")
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.delay)
        return 0

    floor = args.sources * args.delay
    server = FeedServer(args.hosts, args.delay)
    ok = True
    try:
        print(
            f"{args.sources:,} sources on {args.hosts} hosts (ports of 127.0.0.1), each feed "
            f"answered after {args.delay * 1000:.0f} ms; sequential floor {floor:.0f} s"
        )
        if not args.skip_embedded:
            elapsed, state = embedded_round(server, args.sources, args.threads)
            report(f"embedded (SQLite, {args.threads} threads)", elapsed, state, floor)
            ok &= state["ok"]
        if not args.skip_celery:
            server.reset()
            elapsed, state = celery_round(server, args.sources, args.workers, args.worker_threads)
            label = f"Celery ({args.workers}x{args.worker_threads} threads, PG)"
            report(label, elapsed, state, floor)
            ok &= state["ok"]
    finally:
        server.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
