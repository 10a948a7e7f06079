"""`import_feeds` shows its progress: a bar redrawn in place on a terminal, plain lines in a log."""

import os
import pty
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import make_source

pytestmark = pytest.mark.django_db


def _sources(serve_feed, count=3):
    url = serve_feed("rss1.rdf")
    for n in range(count):
        make_source(slug=f"s{n}", name=f"S{n}", feed_url=url)


def test_a_log_gets_plain_progress_lines_and_the_summaries(serve_feed):
    _sources(serve_feed)
    out, err = StringIO(), StringIO()

    call_command("import_feeds", stdout=out, stderr=err)

    assert [line.split(":")[0] for line in out.getvalue().splitlines()] == ["s0", "s1", "s2"]
    lines = err.getvalue().splitlines()
    assert lines[0] == "1/3 sources"  # the first at once, then one every 10 s…
    assert lines[-1] == "3/3 sources"  # …and the last
    assert "\r" not in err.getvalue() and "\x1b" not in err.getvalue()


def _read_all(controller) -> str:
    # One read returns what one write put there; Linux answers EIO once the
    # terminal side is closed and everything was read.
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_a_terminal_gets_a_bar_redrawn_in_place(serve_feed):
    _sources(serve_feed)
    controller, terminal = pty.openpty()
    out = StringIO()
    try:
        with open(terminal, "w") as stderr:  # closing it ends what the controller reads
            assert stderr.isatty()
            call_command("import_feeds", stdout=out, stderr=stderr)
        shown = _read_all(controller)
    finally:
        os.close(controller)

    assert "\r[##########--------------------] 1/3 sources" in shown
    assert "\r[##############################] 3/3 sources" in shown
    assert shown.count("\n") == 1  # one line in all, ending when the run does
    assert len(out.getvalue().splitlines()) == 3


def test_a_failed_source_is_counted_in_the_progress(feed_server, serve_feed):
    feed_server.expect_request("/gone").respond_with_data("", status=410)
    make_source(slug="a-gone", feed_url=feed_server.url_for("/gone"))
    make_source(slug="b-fine", feed_url=serve_feed("rss1.rdf"))
    err = StringIO()

    with pytest.raises(Exception, match="1 feed"):
        call_command("import_feeds", stdout=StringIO(), stderr=err)

    assert err.getvalue().splitlines()[-1] == "2/2 sources, 1 failed"
