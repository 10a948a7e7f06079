"""Front-door benchmark: the public site through Varnish, beside nginx serving a static file.

    python bench/frontdoor.py [--duration 8] [--rounds 4] [--connections 16]
                              [--takedown-seconds 5] [--reseed]

What it does:
1. seeds (once) the PostgreSQL database `syn_bench` with bench/load.py's code
   and serves it with gunicorn (2 sync workers, Redis cache, page cache on,
   FRONT_CACHES naming our Varnish, so the app purges it after public changes);
2. starts varnishd with the project's own VCL, deploy/varnish/default.vcl,
   whose `include "backend.vcl"` finds a backend.vcl written for this run
   (vcl_path lists the run's directory first), and nginx serving the bytes of
   the same article page as a static file: the floor no front cache can beat
   on this machine;
3. measures with wrk each URL through Varnish (article, `/`, a source page,
   the RSS feed), each warmed first, in turns with nginx (`--rounds` turns
   each within `--duration`), so the ratio is taken against a floor measured
   under the same machine load; the "turns" column shows the ratio's spread.
   Requests ask for gzip, as browsers do; nginx serves a pre-compressed copy
   (gzip_static), as Varnish serves the gzip it stores. One more pair asks
   for plain bytes, which Varnish unzips per request;
4. load test of a takedown: while wrk loads an article through Varnish, another
   process (`manage.py shell`) accepts a takedown of it through the models'
   own methods. As soon as that command returns, a second wrk run on the same
   URL counts the answers by status: every one of its requests started after
   the accept, so every one must be 451. The takedown is then reversed
   (`reinstate`), so the benchmark can run again;
5. stops every process it started, by process group, also on an error,
   Ctrl-C or SIGTERM.

Targets: the article through the front cache >= 60% of nginx static req/s;
no answer other than 451 once the takedown's accept has returned.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402 - bench/ is not a package; load.py owns the data set and gunicorn

ROOT = load.ROOT
PROJECT_VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHSTAT = shutil.which("varnishstat") or "/usr/bin/varnishstat"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WRK = shutil.which("wrk") or "/usr/bin/wrk"

ARTICLE = "/articles/bench-article-1234/"
TAKEDOWN_ARTICLE = "bench-article-4321"
TARGETS = [
    ("article", ARTICLE),
    ("/ (home)", "/"),
    ("source page", "/sources/publisher-7/"),
    ("RSS feed", "/feeds/rss/"),
]
GZIP = {"Accept-Encoding": "gzip"}
ARTICLE_TARGET = 0.60

# Used only while deploy/varnish/default.vcl does not exist: the least a front
# cache with key purges needs, so the benchmark can be developed before it.
FALLBACK_VCL = r"""vcl 4.1;
import xkey;
include "backend.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!req.http.xkey-purge) { return (synth(400, "PURGE needs an xkey-purge header")); }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    if (req.url ~ "^/(admin|takedown|healthz)(/|\?|$)") { return (pass); }
    unset req.http.Cookie;
}

sub vcl_backend_response {
    if (beresp.http.Content-Type ~ "^(text/|application/)") { set beresp.do_gzip = true; }
}

sub vcl_deliver {
    if (obj.uncacheable) { set resp.http.X-Cache = "PASS"; }
    elsif (obj.hits > 0) { set resp.http.X-Cache = "HIT"; }
    else { set resp.http.X-Cache = "MISS"; }
    unset resp.http.xkey;
}
"""

# Counts answers by status and X-Cache, and per thread the answers other than
# 451 that came after that thread's first 451 (a stale copy served after the
# purge, or a reply that was already on its way). One JSON line from done().
STATUS_SCRIPT = r"""
counts = {}
late = 0
local seen_451 = false
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  local key = tostring(status) .. " " .. (headers["X-Cache"] or "-")
  counts[key] = (counts[key] or 0) + 1
  if status == 451 then seen_451 = true elseif seen_451 then late = late + 1 end
end
function done(summary, latency, requests)
  local total, late_total = {}, 0
  for _, t in ipairs(threads) do
    for k, n in pairs(t:get("counts")) do total[k] = (total[k] or 0) + n end
    late_total = late_total + t:get("late")
  end
  local parts = {}
  for k, n in pairs(total) do parts[#parts + 1] = string.format('"%s": %d', k, n) end
  io.write(string.format('{"counts": {%s}, "late": %d}\n', table.concat(parts, ", "), late_total))
end
"""

# Run by `manage.py shell -c` in a process of its own, as a Legal user's
# decision would arrive: through the models' methods, with their purges.
SHELL_PRELUDE = r"""
import json
from django.contrib.auth import get_user_model
from syndication.models import Article, TakedownRequest

CLAIMANT = "Front-door benchmark"
REASONS = {
    "action": "The article was removed (benchmark).",
    "facts": "A benchmark of the front cache accepted this notice.",
    "ground": "Copyright infringement.",
    "redress": "None needed: the benchmark reverses it at once.",
}

def legal():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-legal", defaults={"is_staff": True}
    )
    return user

def reset(slug):
    # Reverses what an earlier run left, finished or not, so the article is public again.
    by = legal()
    article = Article.objects.get(slug=slug)
    for notice in TakedownRequest.objects.filter(articles=article, claimant_name=CLAIMANT):
        if notice.status == TakedownRequest.Status.ACCEPTED:
            notice.reinstate(by, REASONS, notify=False)
        elif notice.status == TakedownRequest.Status.UNDER_REVIEW:
            notice.reject(by, REASONS, notify=False)
        elif notice.status == TakedownRequest.Status.RECEIVED:
            notice.withdraw()
    article.refresh_from_db()
    print("@@" + json.dumps({"status": article.status, "public": article.is_public}))

def failed_purges():
    # Purges the app could not deliver are kept for a retry; none is expected.
    try:
        from syndication.models import FrontCachePurge
    except ImportError:
        return []
    return list(FrontCachePurge.objects.values_list("pk", "last_error"))

def accept(slug):
    by = legal()
    article = Article.objects.get(slug=slug)
    failed_before = failed_purges()
    notice = TakedownRequest.submit(
        [article],
        claimed_urls=article.get_absolute_url(),
        claimant_name=CLAIMANT,
        email="bench@rights.example.org",
        phone="+44 20 7946 0000",
        postal_address="1 Rights Row, London",
        work_description="An essay.",
        explanation="Copied without a licence.",
        good_faith_statement=True,
        accuracy_statement=True,
        signature=CLAIMANT,
    )
    notice.start_review(by)
    notice.accept(by, REASONS, notify=False)
    article.refresh_from_db()
    failed = [error for pk, error in failed_purges() if (pk, error) not in failed_before]
    print("@@" + json.dumps(
        {"reference": notice.reference, "status": article.status, "failed_purges": failed}
    ))
"""


# --- processes ------------------------------------------------------------------


class Processes:
    """Every process the benchmark starts, each in its own group, stopped by group id."""

    def __init__(self):
        self.started = []

    def start(self, args, log_path, **kwargs):
        log = open(log_path, "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        process.log_path = log_path
        self.started.append((process, log))
        return process

    def adopt(self, process):
        """A process started elsewhere (in its own group), to be stopped with the rest."""
        self.started.append((process, None))

    def stop_all(self):
        while self.started:
            process, log = self.started.pop()
            load.stop(process)
            if log:
                log.close()


def get(port, path, headers=None, timeout=10):
    """One GET on a fresh connection: status, headers, body (as sent, maybe gzipped)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        conn.close()


def wait_for(port, process, name, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            log = Path(process.log_path).read_text(errors="replace")[-3000:]
            raise SystemExit(f"{name} exited with {process.returncode}:\n{log}")
        try:
            get(port, "/healthz", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{name} did not answer on port {port} in {timeout} s") from None
            time.sleep(0.1)


def start_varnish(processes, workdir, backend_port, vcl):
    """varnishd with `vcl` unchanged; its `include "backend.vcl"` finds ours first.

    Two listeners, as in docker compose: readers' (the port returned first)
    and "purge", the only one the VCL takes purges on (the app's FRONT_CACHES).
    """
    vcl_dir = workdir / "vcl"
    vcl_dir.mkdir()
    (vcl_dir / "backend.vcl").write_text(
        "backend default {\n"
        '    .host = "127.0.0.1";\n'
        f'    .port = "{backend_port}";\n'
        "    .connect_timeout = 2s;\n"
        "    .first_byte_timeout = 35s;\n"
        "    .between_bytes_timeout = 10s;\n"
        "}\n"
    )
    if vcl is None:
        vcl = vcl_dir / "default.vcl"
        vcl.write_text(FALLBACK_VCL)
    port, purge_port = load.free_port(), load.free_port()
    args = [
        VARNISHD,
        "-F",
        "-j", "none",  # no privilege switch: the run's directories stay readable
        "-n", str(workdir / "varnish"),
        "-a", f"127.0.0.1:{port}",
        "-a", f"purge=127.0.0.1:{purge_port}",
        "-T", "none",
        "-f", str(vcl),
        "-p", f"vcl_path={vcl_dir}:{vcl.parent}",
        "-s", "malloc,256m",
    ]  # fmt: skip
    process = processes.start(args, workdir / "varnishd.log")
    wait_for(port, process, "varnishd")
    return port, purge_port


def start_nginx(processes, workdir, path, plain):
    """nginx serving `plain` at `path` as a static file, with a gzipped copy beside it."""
    base = workdir / "nginx"
    page_dir = base / "static" / path.strip("/")
    page_dir.mkdir(parents=True)
    (page_dir / "index.html").write_bytes(plain)
    (page_dir / "index.html.gz").write_bytes(gzip.compress(plain, compresslevel=6))
    # Its workers run as another user: the run's directories must be readable.
    workdir.chmod(0o755)
    for directory, _dirs, _files in os.walk(base):
        Path(directory).chmod(0o755)
    port = load.free_port()
    temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    (base / "nginx.conf").write_text(
        f"""worker_processes {min(2, _cores())};
daemon off;
pid {base}/nginx.pid;
error_log {base}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    {" ".join(f"{t}_temp_path {base}/{t}_temp;" for t in temp)}
    types {{ text/html html; }}
    default_type text/html;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    # As many requests per connection as Varnish allows, so neither reconnects.
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {base}/static;
        gzip_static on;
        location = /healthz {{ return 200 "ok"; }}
    }}
}}
"""
    )
    process = processes.start(
        [NGINX, "-p", str(base), "-c", str(base / "nginx.conf"), "-e", str(base / "error.log")],
        base / "stdout.log",
    )
    wait_for(port, process, "nginx")
    return port


def _cores():
    return len(os.sched_getaffinity(0))


# --- measuring ------------------------------------------------------------------

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    """req/s, p50 and p99 (ms), requests, errors and non-2xx/3xx from wrk --latency's report."""

    def number(pattern, default="required"):
        match = re.search(pattern, output, re.MULTILINE)
        if match:
            return match.groups()
        if default == "required":
            raise SystemExit(f"no {pattern!r} in wrk's report:\n{output}")
        return default

    figures = {"rps": float(number(r"^Requests/sec:\s+([\d.]+)")[0])}
    for percentile in (50, 99):
        value, unit = number(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)$")
        figures[f"p{percentile}"] = float(value) * _UNITS[unit]
    requests, took, unit = number(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m)\b")
    figures["requests"] = int(requests)
    figures["seconds"] = float(took) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]
    figures["non2xx"] = int(number(r"Non-2xx or 3xx responses: (\d+)", ("0",))[0])
    errors = number(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", None)
    figures["errors"] = sum(int(n) for n in errors) if errors else 0
    reports = [line for line in output.splitlines() if line.startswith("{")]
    if reports:
        figures["report"] = json.loads(reports[-1])
    return figures


def wrk_args(port, path, duration, connections, headers=(), script=None):
    args = [WRK, f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency"]
    args += ["--timeout", "5s"]
    for name, value in dict(headers).items():
        args += ["-H", f"{name}: {value}"]
    if script:
        args += ["-s", str(script)]
    return [*args, f"http://127.0.0.1:{port}{path}"]


def wrk(port, path, seconds, connections, headers=()):
    done = subprocess.run(
        wrk_args(port, path, seconds, connections, headers),
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
        start_new_session=True,
    )
    return parse_wrk(done.stdout)


def combine(runs):
    """Runs of one URL as one: req/s over their whole time, the median p50, the worst p99."""
    p50s = sorted(run["p50"] for run in runs)
    return {
        "rps": sum(run["requests"] for run in runs) / sum(run["seconds"] for run in runs),
        "p50": p50s[len(p50s) // 2],
        "p99": max(run["p99"] for run in runs),
        "requests": sum(run["requests"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "non2xx": sum(run["non2xx"] for run in runs),
    }


def compare(nginx_port, varnish_port, path, args, headers):
    """nginx static and Varnish on `path`, in turns of `duration / rounds` seconds each.

    Other people's jobs share this machine's two cores: taking turns gives
    both sides the same mix of quiet and busy moments, which one long run
    each, one after the other, does not. Returns (nginx, Varnish, ratio per turn).
    """
    seconds = max(1, args.duration // args.rounds)
    floors, runs = [], []
    for _ in range(args.rounds):
        floors.append(wrk(nginx_port, ARTICLE, seconds, args.connections, headers))
        runs.append(wrk(varnish_port, path, seconds, args.connections, headers))
    turns = [run["rps"] / floor["rps"] for floor, run in zip(floors, runs, strict=True)]
    return combine(floors), combine(runs), turns


def warm(port, path, headers):
    """Asks until Varnish answers from its store (at most 5 times); the last X-Cache."""
    for _ in range(5):
        status, answer, _body = get(port, path, headers)
        if answer.get("X-Cache") == "HIT":
            break
    return f"{status} {answer.get('X-Cache', '-')}"


def varnish_counters(workdir):
    """A few of varnishstat's counters (empty if it cannot be read)."""
    names = ["MAIN.cache_hit", "MAIN.cache_miss", "MAIN.s_pass", "MAIN.backend_req"]
    try:
        out = subprocess.run(
            [VARNISHSTAT, "-n", str(workdir / "varnish"), "-1", "-j"]
            + [arg for name in names for arg in ("-f", name)],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    data = json.loads(out)
    counters = data.get("counters", data)  # varnishstat 7 nests them
    return {name: counters[name]["value"] for name in names if name in counters}


# --- the takedown under load ----------------------------------------------------


def shell(env, call):
    """Runs SHELL_PRELUDE + `call` in `manage.py shell -c`; the JSON it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHELL_PRELUDE + "\n" + call],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        start_new_session=True,
    )
    marked = [line for line in done.stdout.splitlines() if line.startswith("@@")]
    if done.returncode != 0 or not marked:
        raise SystemExit(f"manage.py shell ({call}) failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(marked[-1][2:])


def takedown_under_load(processes, varnish_port, env, args, workdir):
    """Accepts a takedown while wrk loads the article; a second wrk run checks the answers after."""
    path = f"/articles/{TAKEDOWN_ARTICLE}/"
    script = workdir / "status.lua"
    script.write_text(STATUS_SCRIPT)
    state = shell(env, f"reset({TAKEDOWN_ARTICLE!r})")
    if not state["public"]:
        raise SystemExit(f"{TAKEDOWN_ARTICLE} is not public before the takedown: {state}")
    result = {"warm": warm(varnish_port, path, GZIP)}
    counters_before = varnish_counters(workdir)
    try:
        # Long enough to cover the accept; stopped (SIGINT: wrk reports) once it has returned.
        during = processes.start(
            wrk_args(varnish_port, path, 120, args.connections, GZIP, script),
            workdir / "wrk-during.log",
        )
        time.sleep(2)
        started = time.monotonic()
        result["accept"] = shell(env, f"accept({TAKEDOWN_ARTICLE!r})")
        result["accept_seconds"] = time.monotonic() - started
        after = processes.start(
            wrk_args(varnish_port, path, args.takedown_seconds, args.connections, GZIP, script),
            workdir / "wrk-after.log",
        )
        during.send_signal(signal.SIGINT)
        during.wait(timeout=30)
        after.wait(timeout=args.takedown_seconds + 60)
        result["counters"] = {
            name: value - counters_before.get(name, 0)
            for name, value in varnish_counters(workdir).items()
        }
        for name, process in (("during", during), ("after", after)):
            output = Path(process.log_path).read_text(errors="replace")
            if process.returncode != 0 or "Requests/sec" not in output:
                raise SystemExit(f"wrk ({name} the takedown) failed:\n{output}")
            result[name] = parse_wrk(output)
    finally:
        result["reset"] = shell(env, f"reset({TAKEDOWN_ARTICLE!r})")
        status, _headers, _body = get(varnish_port, path, GZIP)
        result["reset"]["answers"] = status
    return result


# --- report -----------------------------------------------------------------------


def _git(*args):
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def print_header(args, vcl, app_headers):
    dirty = " (work tree has uncommitted changes)" if _git("status", "--porcelain") else ""
    print(f"commit {_git('rev-parse', '--short', 'HEAD')}{dirty}")
    if vcl is None:
        print("VCL: a minimal stand-in (deploy/varnish/default.vcl does not exist yet)")
    else:
        landed = _git("log", "-1", "--format=%h %cs", "--", str(vcl.relative_to(ROOT)))
        print(f"VCL: {vcl.relative_to(ROOT)} ({'commit ' + landed if landed else 'not committed'})")
    print(
        f"app's article answer: Cache-Control: {app_headers.get('Cache-Control', '-')}; "
        f"xkey: {app_headers.get('xkey', '-')}"
    )
    if "s-maxage" not in app_headers.get("Cache-Control", "") or not app_headers.get("xkey"):
        print("NOTE: the app sends no s-maxage or no xkey: Varnish may not keep its pages")
    print(
        f"gunicorn 2 sync workers (Redis page cache) behind varnishd, nginx {min(2, _cores())} "
        f"workers; wrk -t2 -c{args.connections}, {args.duration} s per URL, in "
        f"{args.rounds} turns of {max(1, args.duration // args.rounds)} s taken by nginx and "
        "Varnish in alternation"
    )


def print_table(rows):
    header = (
        f"{'URL':<36} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'vs nginx':>8} "
        f"{'turns':>9} {'requests':>9} {'errors':>6}  warmed"
    )
    print(header)
    print("-" * len(header))
    for name, figures, floor, warmed, turns in rows:
        ratio = f"{figures['rps'] / floor['rps']:.0%}" if floor else ""
        spread = f"{min(turns):.0%}-{max(turns):.0%}" if turns else ""
        errors = figures["errors"] + figures["non2xx"]
        print(
            f"{name:<36} {figures['rps']:>8.0f} {figures['p50']:>7.2f} {figures['p99']:>7.2f} "
            f"{ratio:>8} {spread:>9} {figures['requests']:>9} {errors:>6}  {warmed}"
        )


def print_takedown(result, args):
    print()
    print(
        f"takedown under load: {TAKEDOWN_ARTICLE}, wrk -c{args.connections} through Varnish, "
        f"accepted from `manage.py shell` ({result['accept']['reference']}, "
        f"article {result['accept']['status']}) in {result['accept_seconds']:.1f} s "
        f"(warm: {result['warm']})"
    )
    for name, label in (("during", "before/during the accept"), ("after", "after it returned")):
        figures = result[name]
        report = figures["report"]
        counts = ", ".join(f"{key}: {n}" for key, n in sorted(report["counts"].items()))
        print(
            f"  {label:<25} {figures['requests']:>7} requests, {figures['rps']:>6.0f} req/s, "
            f"p99 {figures['p99']:.1f} ms; by status and X-Cache: {counts}"
        )
        if name == "during":
            print(f"  {'':<25} answers other than 451 after a thread's first 451: {report['late']}")
    if result.get("counters"):
        print("  varnish counters over both runs: " + ", ".join(
            f"{name.split('.')[1]} {value}" for name, value in result["counters"].items()
        ))  # fmt: skip
    failed = result["accept"].get("failed_purges")
    print(f"  purges the app failed to deliver during the accept: {len(failed or [])}")
    for error in failed or []:
        print(f"    {error.splitlines()[0]}")
    reset = result["reset"]
    print(f"  reset: the takedown reversed, article {reset['status']}, answers {reset['answers']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per URL")
    parser.add_argument(
        "--rounds", type=int, default=4, help="turns nginx and Varnish take within --duration"
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument(
        "--takedown-seconds", type=int, default=5, help="length of the run after the accept"
    )
    parser.add_argument("--reseed", action="store_true", help="seed again even if seeded")
    args = parser.parse_args()

    # A `kill` runs the same clean-up as Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    # Also when started in the background, where SIGINT arrives ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for program in (VARNISHD, NGINX, WRK):
        if not Path(program).exists():
            raise SystemExit(f"{program} is not installed")
    vcl = PROJECT_VCL if PROJECT_VCL.exists() else None
    load.prepare(args.reseed)
    load.flush_cache()

    processes = Processes()
    with tempfile.TemporaryDirectory(prefix="bench-frontdoor-") as tmp:
        workdir = Path(tmp)
        try:
            # Varnish needs the app's port, and the app needs Varnish's URL to
            # purge: Varnish starts first, pointed at the port gunicorn will take.
            app_port = load.free_port()
            varnish_port, purge_port = start_varnish(processes, workdir, app_port, vcl)
            env = {
                **load.ENV,
                "PAGE_CACHE_SECONDS": "300",
                "FRONT_CACHES": f"http://127.0.0.1:{purge_port}",
                # Varnish appends the client's address to X-Forwarded-For.
                "TRUSTED_PROXY_COUNT": "1",
            }
            processes.adopt(load.start_gunicorn(app_port, 300, env))
            status, app_headers, plain = get(app_port, ARTICLE)
            if status != 200:
                raise SystemExit(f"{ARTICLE} answers {status} from the app")
            nginx_port = start_nginx(processes, workdir, ARTICLE, plain)
            print_header(args, vcl, app_headers)

            rows = []
            measured = [(f"{name}, Varnish (gzip)", path, GZIP) for name, path in TARGETS]
            measured.append(("article, Varnish (plain: gunzipped)", ARTICLE, {}))
            for name, path, headers in measured:
                warmed = warm(varnish_port, path, headers)
                floor, figures, turns = compare(nginx_port, varnish_port, path, args, headers)
                kind = "gzip" if headers else "plain"
                rows.append((f"  nginx static article ({kind})", floor, None, "", ()))
                rows.append((name, figures, floor, warmed, turns))
            print_table(rows)

            article, floor = rows[1][1], rows[0][1]
            ratio = article["rps"] / floor["rps"]
            verdict = "PASS" if ratio >= ARTICLE_TARGET else "MISS"
            print(
                f"{verdict}  article through the front cache >= {ARTICLE_TARGET:.0%} of nginx "
                f"static: {ratio:.0%} (turns {min(rows[1][4]):.0%}-{max(rows[1][4]):.0%})"
            )

            result = takedown_under_load(processes, varnish_port, env, args, workdir)
            print_takedown(result, args)
            wrong = sum(
                n for key, n in result["after"]["report"]["counts"].items()
                if not key.startswith("451")
            )  # fmt: skip
            wrong += result["after"]["errors"]
            print(
                f"{'PASS' if wrong == 0 else 'MISS'}  answers other than 451 (or errors) once the "
                f"accept had returned: {wrong} of {result['after']['requests']} (target 0)"
            )
        finally:
            processes.stop_all()


if __name__ == "__main__":
    main()
