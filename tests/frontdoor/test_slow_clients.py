"""Slow clients wait in Varnish, never in one of gunicorn's few sync workers."""

import contextlib
import socket
import time


def _connect(url):
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def test_half_sent_requests_do_not_hold_the_app_workers(stack):
    """The stack has 2 sync workers; three clients stall mid-request and the site still answers.

    Two of them trickle a POST body: forwarded as they arrive, each would hold
    a worker until its body is complete, and nothing would be left for anyone else.
    """
    assert stack.workers == 2
    with contextlib.ExitStack() as held:
        headers_unfinished = held.enter_context(_connect(stack.url))
        headers_unfinished.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n")
        for _ in range(2):
            body_trickling = held.enter_context(_connect(stack.url))
            body_trickling.sendall(
                b"POST /takedown/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n"
                b"claimant_name=Slow"
            )
        time.sleep(0.3)  # let Varnish take the connections in

        health = stack.get("/healthz", timeout=5)
        assert health.status == 200
        assert health.elapsed < 1.0
        # A page the app must render (not in the front cache) is just as quick.
        search = stack.get(f"/search/?q=nothing{time.time_ns()}", timeout=5)
        assert search.status == 200 and search.elapsed < 1.0
