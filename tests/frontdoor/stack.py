"""A real production-like stack for tests: its own database, gunicorn and Varnish.

Each part runs as its own process on a free 127.0.0.1 port, with the
environment production gives the app (DEBUG off, the embedded default cache,
FRONT_CACHES naming our Varnish), so what a test sees is what a reader behind
the front cache sees. Changes are made from yet other processes
(`Stack.manage`, `Stack.python`, `Stack.call`), as an editor's shell, the
importer or the admin would make them. Every process started here runs in its
own process group and is stopped by id, even when a test fails.
"""

import atexit
import contextlib
import gzip
import http.client
import importlib.metadata
import json
import os
import random
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
VCL_DIR = ROOT / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or next(
    (path for path in ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd") if Path(path).exists()),
    None,
)
# What the stack's processes may inherit from ours; every app setting is set
# explicitly, so nothing of a developer's or CI's environment leaks in.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "VIRTUAL_ENV", "TZ")
RESULT_MARK = "@@stack-result@@ "


def new_word() -> str:
    """A word no other page contains (letters only, so search stemming leaves it be)."""
    return "zq" + "".join(random.choices(string.ascii_lowercase, k=10))  # noqa: S311


def free_port() -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- HTTP ------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    elapsed: float

    def header(self, name: str, default=None):
        return self.headers.get(name, default)

    def all(self, name: str) -> list[str]:
        return self.headers.get_all(name) or []

    @property
    def text(self) -> str:
        """The body as text, unzipped if it came gzipped."""
        body = self.body
        if self.header("Content-Encoding", "").lower() == "gzip":
            body = gzip.decompress(body)
        return body.decode("utf-8", "replace")


def request(base, method, path, *, headers=None, body=None, timeout=10.0) -> Response:
    """One request on a fresh connection (so gunicorn's workers take turns), read to the end."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    started = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        data = answer.read()
        return Response(answer.status, answer.headers, data, time.monotonic() - started)
    finally:
        conn.close()


def wait_until_answers(url, process, timeout=60.0, path="/healthz"):
    """Polls until `url` answers anything over HTTP; fails at once if `process` died."""
    deadline = time.monotonic() + timeout
    while True:
        if process.popen.poll() is not None:
            raise RuntimeError(
                f"{process.name} exited ({process.popen.returncode}):\n{process.tail()}"
            )
        try:
            request(url, "GET", path, timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{process.name} did not answer at {url}:\n{process.tail()}"
                ) from None
            time.sleep(0.1)


# --- processes ---------------------------------------------------------------

# Still running: stopped at exit too, should a fixture's teardown never run.
_running: set["Process"] = set()


class Process:
    """A child process in its own process group, its output kept in a log file."""

    def __init__(self, name, args, *, env, log_path, cwd=ROOT):
        self.name = name
        self.log_path = Path(log_path)
        self._log = self.log_path.open("ab")
        self.popen = subprocess.Popen(  # noqa: S603 - our own fixed command lines
            args,
            env=env,
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _running.add(self)

    def tail(self, lines=40) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, timeout=10.0) -> None:
        """SIGTERM to the whole group (Varnish's child, gunicorn's workers), then SIGKILL."""
        group = self.popen.pid  # start_new_session: the group's id is the child's pid
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, sig)
            try:
                self.popen.wait(wait)
            except subprocess.TimeoutExpired:
                continue
            # The leader is gone; make sure nothing it started outlives it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            break
        self._log.close()
        _running.discard(self)


@atexit.register
def _stop_leftovers():
    for process in list(_running):
        process.stop(timeout=3)


def varnish_parameters() -> list[str]:
    """The `-p name=value` options of compose's varnish service, so tests run its timeouts."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["varnish"]["command"]
    return [value for flag, value in zip(command, command[1:], strict=False) if flag == "-p"]


def start_varnish(workdir: Path, backend_port: int) -> tuple["Process", str, str]:
    """varnishd in front of 127.0.0.1:`backend_port`, answering; (process, URL, purge URL)."""
    port, purge_port = free_port(), free_port()
    process = launch_varnish(workdir, backend_port, port, purge_port)
    url = f"http://127.0.0.1:{port}"
    try:
        # Any answer will do: a synthetic 503 still shows the VCL is loaded.
        wait_until_answers(url, process, timeout=60)
    except Exception:
        process.stop()
        raise
    return process, url, f"http://127.0.0.1:{purge_port}"


def launch_varnish(workdir: Path, backend_port: int, port: int, purge_port: int) -> "Process":
    """varnishd running the project's default.vcl, with a backend.vcl of the test's own.

    `vcl_path` lists `workdir` before deploy/varnish, so `include "backend.vcl"`
    finds the test's backend and default.vcl is used unchanged. Readers connect
    to `port`; the app purges through the listener named "purge", as in compose.
    """
    if VARNISHD is None:
        raise RuntimeError("varnishd is not installed (apt-get install varnish varnish-modules)")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "backend.vcl").write_text(
        "backend default {\n"
        '    .host = "127.0.0.1";\n'
        f'    .port = "{backend_port}";\n'
        "    .connect_timeout = 2s;\n"
        "    .first_byte_timeout = 35s;\n"
        "    .between_bytes_timeout = 10s;\n"
        "}\n"
    )
    args = [
        VARNISHD,
        "-F",
        "-j", "none",  # no privilege switch: the work directory stays ours
        "-n", str(workdir / "varnish"),
        "-a", f"127.0.0.1:{port}",
        "-a", f"purge=127.0.0.1:{purge_port}",
        "-T", "none",
        "-f", str(VCL_DIR / "default.vcl"),
        "-p", f"vcl_path={workdir}:{VCL_DIR}",
        "-s", "malloc,64m",
    ]  # fmt: skip
    for parameter in varnish_parameters():
        args += ["-p", parameter]
    return Process("varnishd", args, env=_base_env(), log_path=workdir / "varnishd.log")


def _gunicorn_control_socket_off() -> list[str]:
    # gunicorn 27 opens a control socket at one fixed path under $HOME: two
    # stacks (or a developer's own server) would take it from each other.
    major = int(importlib.metadata.version("gunicorn").split(".")[0])
    return ["--no-control-socket"] if major >= 27 else []


def _base_env() -> dict:
    return {name: os.environ[name] for name in INHERITED if name in os.environ}


# --- the database ------------------------------------------------------------


class Database:
    """A fresh database for one test session: an SQLite file, or a new PostgreSQL database.

    PostgreSQL when the test process's DATABASE_URL names one: the new database
    lives on that server under a random name and is dropped at the end.
    """

    def __init__(self, tmp: Path, server_url: str | None = None):
        self.server_url = server_url if server_url and server_url.startswith("postgres") else None
        if self.server_url:
            self.name = f"frontdoor_{secrets.token_hex(6)}"
            parts = urlsplit(self.server_url)
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.name = str(tmp / "frontdoor.sqlite3")
            self.url = f"sqlite:///{self.name}"

    def _admin(self, sql):
        import psycopg

        parts = urlsplit(self.server_url)
        with psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def drop(self):
        if self.server_url:
            # FORCE: a gunicorn worker killed mid-request may leave a session behind.
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


# --- the stack -------------------------------------------------------------------


class Stack:
    """gunicorn serving the app on `database`, with Varnish in front when `front_cache`.

    `url` is where a reader connects: Varnish, or gunicorn itself without a
    front cache (the embedded set-up). `app_url` is always gunicorn.
    """

    def __init__(self, tmp: Path, database: Database, *, front_cache=True, workers=2):
        self.tmp = Path(tmp)
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.database = database
        self.front_cache = front_cache
        self.workers = workers
        self.app_port = free_port()
        self.cache_port = free_port() if front_cache else None
        self.purge_port = free_port() if front_cache else None
        self.app_url = f"http://127.0.0.1:{self.app_port}"
        self.cache_url = f"http://127.0.0.1:{self.cache_port}" if front_cache else None
        self.purge_url = f"http://127.0.0.1:{self.purge_port}" if front_cache else None
        self.url = self.cache_url or self.app_url
        self.secret_key = secrets.token_urlsafe(50)
        self.processes: list[Process] = []

    @property
    def env(self) -> dict:
        """What production gives the app, pointed at this stack; no CACHE_URL and no .env."""
        return {
            **_base_env(),
            "ENV_FILE": "/dev/null",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": self.database.url,
            "SECRET_KEY": self.secret_key,
            "DEBUG": "False",
            "HTTPS": "False",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.url,
            "FRONT_CACHES": self.purge_url or "",
            # Varnish appends the client's address to X-Forwarded-For.
            "TRUSTED_PROXY_COUNT": "1" if self.front_cache else "0",
            "PAGE_CACHE_SECONDS": "300",
            "EMAIL_URL": "consolemail://",
            "LOG_LEVEL": "WARNING",
        }

    # --- running the app's own commands, from other processes ---

    def manage(self, *args, timeout=120) -> str:
        """`manage.py <args>` with the stack's environment; its stdout. Fails on a non-zero exit."""
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            command = " ".join(args)
            raise RuntimeError(
                f"manage.py {command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
            )
        return done.stdout

    def python(self, code: str) -> str:
        """Runs `code` in `manage.py shell -c` (a process of its own); its stdout."""
        return self.manage("shell", "-c", code)

    def call(self, name: str, **kwargs):
        """Calls tests.frontdoor.seeding.<name>(**kwargs) in a process of its own; its result."""
        out = self.python(
            f"from tests.frontdoor import seeding; seeding.run({name!r}, {json.dumps(kwargs)!r})"
        )
        marked = [line for line in out.splitlines() if line.startswith(RESULT_MARK)]
        if not marked:
            raise RuntimeError(f"seeding.{name} printed no result:\n{out}")
        return json.loads(marked[-1][len(RESULT_MARK) :])

    def batch(self, *steps):
        """Several seeding calls, each `(name, {kwargs})`, in one process; their results."""
        return self.call("batch", steps=[list(step) for step in steps])

    def prepare_database(self) -> None:
        """The schema, the database cache's table and the static files' manifest.

        In one process, as `manage.py migrate`, `createcachetable` and
        `collectstatic` would run one after the other (each start costs a second).
        DEBUG off serves static files from var/static through a manifest, and
        pages cannot render without it (`make run` collects them too).
        """
        self.python(
            "from django.core.management import call_command; "
            "call_command('migrate', interactive=False, verbosity=0); "
            "call_command('createcachetable', verbosity=0); "
            "call_command('collectstatic', interactive=False, verbosity=0)"
        )

    # --- serving ---

    def start(self) -> "Stack":
        try:
            gunicorn = Process(
                "gunicorn",
                [
                    sys.executable, "-m", "gunicorn", "config.wsgi",
                    "--bind", f"127.0.0.1:{self.app_port}",
                    "--workers", str(self.workers),
                    "--worker-class", "sync",
                    "--timeout", "30",
                    "--graceful-timeout", "2",
                    "--access-logfile", "-",
                    *_gunicorn_control_socket_off(),
                ],
                env=self.env,
                log_path=self.tmp / "gunicorn.log",
            )  # fmt: skip
            self.processes.append(gunicorn)
            if self.front_cache:
                # Varnish compiles its VCL while gunicorn boots; it needs no backend to start.
                varnish = launch_varnish(
                    self.tmp / "front", self.app_port, self.cache_port, self.purge_port
                )
                self.processes.append(varnish)
            wait_until_answers(self.app_url, gunicorn)
            if self.front_cache:
                wait_until_answers(self.cache_url, varnish, timeout=60)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        while self.processes:
            self.processes.pop().stop()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.tail()}" for p in self.processes)

    # --- reading, as a reader would ---

    def get(self, path, headers=None, **kwargs) -> Response:
        return request(self.url, "GET", path, headers=headers, **kwargs)

    def request(self, method, path, **kwargs) -> Response:
        return request(self.url, method, path, **kwargs)

    def warm(self, path, headers=None) -> Response:
        """Fetches `path` twice, so it is in the front cache; the second answer (a hit)."""
        self.get(path, headers)
        return self.get(path, headers)
