"""Load benchmark of the public reader site: gunicorn + PostgreSQL + Redis, measured with wrk.

    python bench/load.py [--duration 10] [--connections 4] [--reseed]

What it does:
1. creates (once) and migrates the PostgreSQL database `syn_bench` on
   127.0.0.1:5432 and seeds it with 10,000 published articles in 20 sources;
2. starts gunicorn with 2 workers on a free port of 127.0.0.1, with Redis
   (redis://127.0.0.1:6379/5, flushed first) as the shared cache;
3. measures requests/s and p50/p99 latency with wrk, each URL for
   `--duration` seconds, in two modes: page cache on (PAGE_CACHE_SECONDS=300)
   and off (PAGE_CACHE_SECONDS=0: every request renders its page, nothing
   is stored). Each URL is measured right after a /healthz run on the same
   server, the floor its ratio is taken against. "Uncached" article and
   search requests also ask for a different article or query each time
   (search words are drawn with natural-language frequencies, from words in
   every article to rare ones); with the cache on, a different article each
   time measures a cache miss (look-up, render, store);
4. stops gunicorn by its PID (each mode has its own server) and prints a table.

bench/frontdoor.py imports the seeding and serving parts of this script
(`prepare`, `start_gunicorn`, `stop`, `free_port`, `ENV`).

Targets (issue 3): cached article >= 70% of /healthz requests/s, uncached
article >= 25%, search p99 < 50 ms.
"""

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "syn_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
CACHE_URL = "redis://127.0.0.1:6379/5"
ARTICLES = 10_000
SOURCES = 20
SEED = 20261127

ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "CACHE_URL": CACHE_URL,
    "CACHE_KEY_PREFIX": "bench",
    "SECRET_KEY": "benchmark-only-key-not-a-secret-0123456789",
    "DEBUG": "False",
    "HTTPS": "False",
    "ALLOWED_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    # Only what is set here: no developer's .env, and mail stays on stdout.
    "ENV_FILE": "/dev/null",
    "EMAIL_URL": "consolemail://",
}

# wrk reports through this script: one JSON line with the figures we need.
# Given a file of paths, every request takes the next one, and the two threads
# start half the list apart, so no page is asked for twice in one run unless
# the list is shorter than the run.
WRK_SCRIPT = r"""
local paths = {}
local i = 0
local threads = 0
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.floor(#paths * thread_number / 2)
end
function request()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


# --- database and data ------------------------------------------------------


def _vocabulary(rng, size=3000):
    syllables = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _zipf_words(rng, vocabulary, count):
    # Word frequencies fall off like natural language: a few words are in most
    # articles, most words in few, so searches range from broad to narrow.
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return rng.choices(vocabulary, weights=weights, k=count)


def seed():
    """Runs inside Django (see main): replaces all content with the benchmark data set."""
    import django

    django.setup()
    from datetime import timedelta

    from django.core.cache import cache
    from django.db import connection
    from django.utils import timezone

    from syndication.models import Article, Disclaimer, Permission, SeoPolicy, Source
    from syndication.sanitize import clean_html

    rng = random.Random(SEED)
    vocabulary = _vocabulary(rng)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE syndication_article, syndication_permission, syndication_source CASCADE"
        )
    if not Disclaimer.objects.exists():
        Disclaimer.objects.create(text="Republished with attribution; rights stay with the author.")
    sources = Source.objects.bulk_create(
        Source(
            name=f"Publisher {n}",
            slug=f"publisher-{n}",
            homepage=f"https://publisher-{n}.example.org/",
            default_license="CC BY 4.0",
            seo_policy=[SeoPolicy.NOINDEX, SeoPolicy.CANONICAL, SeoPolicy.INDEX][n % 3],
        )
        for n in range(SOURCES)
    )
    now = timezone.now()
    # The rights ledger: each publisher's CC licence, which every article is published under.
    permissions = Permission.objects.bulk_create(
        Permission(
            source=source,
            kind=Permission.Kind.CREATIVE_COMMONS,
            name="CC BY 4.0",
            license_url="https://creativecommons.org/licenses/by/4.0/",
            valid_from=now - timedelta(days=3650),
        )
        for source in sources
    )
    batch = []
    for n in range(ARTICLES):
        paragraphs = [" ".join(_zipf_words(rng, vocabulary, rng.randint(40, 70))) for _ in range(6)]
        # bulk_create skips Article.save(), so bodies go through the HTML gate here.
        body = clean_html("".join(f"<p>{p.capitalize()}.</p>" for p in paragraphs))
        batch.append(
            Article(
                source=sources[n % SOURCES],
                title=" ".join(_zipf_words(rng, vocabulary, 6)).capitalize(),
                slug=f"bench-article-{n}",
                summary=" ".join(_zipf_words(rng, vocabulary, 30)).capitalize() + ".",
                body=body,
                original_url=f"https://publisher-{n % SOURCES}.example.org/posts/{n}",
                original_authors=f"Author {rng.randint(1, 300)}",
                original_published_at=now - timedelta(minutes=10 * n + 60),
                retrieved_at=now,
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(minutes=10 * n + 5),
                permission=permissions[n % SOURCES],
            )
        )
        if len(batch) == 1000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)
    # What autovacuum does on a live database: statistics and the visibility map.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE syndication_article")
    # No page stored before the new data may be served (the benchmarks also
    # flush the cache before each server starts).
    cache.clear()
    print(f"seeded {Article.objects.count()} articles in {len(sources)} sources")


def _queries(count):
    rng = random.Random(SEED + 1)
    vocabulary = _vocabulary(random.Random(SEED))
    queries = []
    for _ in range(count):
        words = _zipf_words(rng, vocabulary[:1500], rng.choice([1, 1, 2]))
        queries.append("+".join(words))
    return queries


def _ensure_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{DATABASE}"')


def _article_count():
    import psycopg

    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as db:
        return db.execute(
            "SELECT count(*) FROM syndication_article WHERE slug LIKE 'bench-article-%'"
        ).fetchone()[0]


def _manage(*args, env=ENV):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(reseed=False):
    """The database `syn_bench`, migrated and seeded (again only when asked or incomplete)."""
    if not (shutil.which("wrk") or Path("/usr/bin/wrk").exists()):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    _ensure_database()
    _manage("migrate", "--noinput", "--verbosity", "0")
    _manage("collectstatic", "--noinput", "--verbosity", "0")
    if reseed or _article_count() != ARTICLES:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--seed-only"],
            cwd=ROOT,
            env=ENV,
            check=True,
        )
        print(f"seeding took {time.monotonic() - started:.1f} s", flush=True)


def flush_cache():
    """Empties the Redis database the benchmarks use as the app's cache."""
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


# --- serving and measuring ----------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port, cache_seconds, extra_env=None, workers=2):
    """gunicorn (sync workers) on 127.0.0.1:`port`, in its own process group; waits for /healthz."""
    env = {**ENV, "PAGE_CACHE_SECONDS": str(cache_seconds), **(extra_env or {})}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        # Its own group: a Ctrl-C in the terminal reaches only us, and we stop it.
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {process.returncode}") from None
            time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def stop(process):
    """SIGTERM to the process's group (a master and its workers), SIGKILL if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        # Whatever the leader left behind in its group (a worker mid-exit).
        os.killpg(process.pid, signal.SIGKILL)


def _wrk(port, paths, duration, connections, workdir):
    paths_file = Path(workdir) / f"paths-{random.random():.12f}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    script = Path(workdir) / "report.lua"
    script.write_text(WRK_SCRIPT)
    # One request at the start warms the workers' connections; not measured.
    urllib.request.urlopen(f"http://127.0.0.1:{port}{paths[0]}", timeout=10).read()
    output = subprocess.run(
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "5s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
            "--",
            str(paths_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def _measure(label, cache_seconds, targets, args, workdir):
    """Each target right after its own /healthz run, so both see the same machine load."""
    flush_cache()
    port = free_port()
    process = start_gunicorn(port, cache_seconds)
    rows = []
    try:
        for name, paths, *connections in targets:
            connections = connections[0] if connections else args.connections
            floor = _wrk(port, ["/healthz"], args.duration, connections, workdir)
            figures = _wrk(port, paths, args.duration, connections, workdir)
            rows.append((label, "  /healthz", floor, floor["rps"]))
            rows.append((label, name, figures, floor["rps"]))
    finally:
        stop(process)
    return rows


def _print_table(results):
    header = (
        f"{'mode':<9} {'URL':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'vs /healthz':>11} {'requests':>9} {'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    for mode, name, f, floor in results:
        print(
            f"{mode:<9} {name:<34} {f['rps']:>8.0f} {f['p50_us'] / 1000:>8.1f} "
            f"{f['p99_us'] / 1000:>8.1f} {f['rps'] / floor:>10.0%} {f['requests']:>9} "
            f"{f['errors'] + f['non2xx']:>7}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--reseed", action="store_true", help="seed again even if seeded")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.seed_only:
        sys.path.insert(0, str(ROOT))
        seed()
        return

    # A `kill` runs the same clean-up as Ctrl-C: every server started is stopped.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    # Also when started in the background, where SIGINT arrives ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    prepare(args.reseed)
    article = "/articles/bench-article-1234/"
    every_article = [f"/articles/bench-article-{n}/" for n in range(ARTICLES)]
    random.Random(SEED).shuffle(every_article)
    search_paths = [f"/search/?q={q}" for q in _queries(5000)]
    cached = [
        ("article (same page)", [article]),
        # A page not in the cache yet: looked up, rendered and stored.
        ("article, a different one each: miss", every_article),
        ("/ (home)", ["/"]),
        ("source page", ["/sources/publisher-7/"]),
        ("search (same query)", [search_paths[0]]),
        ("RSS feed", ["/feeds/rss/"]),
    ]
    uncached = [
        ("article (a different one each)", every_article),
        ("/ (home)", ["/"]),
        ("source page", ["/sources/publisher-7/"]),
        ("search (a different query each)", search_paths),
        # One connection: each request is served at once, so this row shows
        # the search's own latency; the others include waiting for a worker.
        ("search, 1 connection", search_paths, 1),
        ("RSS feed", ["/feeds/rss/"]),
    ]
    print(
        f"{ARTICLES} articles, gunicorn 2 workers, wrk -t2 -c{args.connections}, "
        f"{args.duration} s per URL"
    )
    with tempfile.TemporaryDirectory() as workdir:
        results = _measure("cached", 300, cached, args, workdir)
        results += _measure("uncached", 0, uncached, args, workdir)
    _print_table(results)

    by_name = {(mode, name): (f, floor) for mode, name, f, floor in results}
    checks = [
        ("cached article >= 70% of /healthz", by_name[("cached", "article (same page)")], 0.70),
        (
            "uncached article >= 25% of /healthz",
            by_name[("uncached", "article (a different one each)")],
            0.25,
        ),
    ]
    for text, (f, floor), target in checks:
        print(f"{'PASS' if f['rps'] / floor >= target else 'MISS'}  {text}: {f['rps'] / floor:.0%}")
    for name in ("search (a different query each)", "search, 1 connection"):
        search, _ = by_name[("uncached", name)]
        verdict = "PASS" if search["p99_us"] < 50_000 else "MISS"
        print(f"{verdict}  uncached {name}: p99 {search['p99_us'] / 1000:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
