"""A stand-in app server whose answers a test chooses, recording what Varnish sends it."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str
    headers: dict
    body: bytes
    at: float  # time.monotonic() when the request line and headers arrived


@dataclass
class Answer:
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b"<p>stub page</p>"


NOT_FOUND = Answer(404, {"Content-Type": "text/plain"}, b"not found")


class StubBackend:
    """Answers each path as `answer()` said; `{n}` in a header or the body becomes the hit count."""

    def __init__(self):
        self.answers: dict[str, Answer] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Varnish expects of a backend

            def log_message(self, *args):
                pass

            def _serve(self):
                arrived = time.monotonic()
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                with stub._lock:
                    seen = Seen(self.command, self.path, dict(self.headers), body, arrived)
                    stub.seen.append(seen)
                    n = sum(1 for s in stub.seen if s.path.split("?", 1)[0] == path)
                    answer = stub.answers.get(path, NOT_FOUND)
                content = answer.body.replace(b"{n}", str(n).encode())
                self.send_response(answer.status)
                headers = {"Content-Type": "text/html; charset=utf-8", **answer.headers}
                for name, value in headers.items():
                    self.send_header(name, value.replace("{n}", str(n)))
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(content)

            do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "StubBackend":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path, status=200, headers=None, body=b"<p>stub page {n}</p>") -> None:
        with self._lock:
            self.answers[path] = Answer(status, dict(headers or {}), body)

    def requests_for(self, path) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.path.split("?", 1)[0] == path]

    def count(self, path) -> int:
        return len(self.requests_for(path))
