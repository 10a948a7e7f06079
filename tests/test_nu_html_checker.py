"""Every kind of public page passes the Nu HTML checker (the W3C's validator) with no error.

The checker is the `vnu-jar` package from package.json, run with the machine's
Java; `make test` installs it. It reads each page as a browser gets it.
"""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def pages(db, legal_user):
    article = make_article(
        title='Quotes "and" <angles> & ampersands',
        summary="A harbour story.",
        body="<p>Body with <a href='https://example.org/'>a link</a> and <em>emphasis</em>.</p>",
        original_published_at=timezone.now() - timedelta(days=3, microseconds=123456),
        original_authors="Ada Author",
    )
    for n in range(25):  # a second page of the list
        make_article(article.source, title=f"Story {n}")
    removed = make_article(article.source, title="Removed story")
    takedown = make_takedown(removed)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    return {
        "home": "/",
        "home, page 2": "/?page=2",
        "article": article.get_absolute_url(),
        "source": article.source.get_absolute_url(),
        "sources": "/sources/",
        "search with results": "/search/?q=harbour",
        "search without results": "/search/?q=nothing-matches-this",
        "search form": "/search/",
        "takedown form": "/takedown/",
        "status look-up": "/takedown/status/",
        "transparency": "/transparency/",
        "notice log": "/transparency/notices/",
        "404": "/no-such-page/",
        "451": removed.get_absolute_url(),
    }


def test_every_public_page_kind_has_no_nu_checker_error(client, pages, tmp_path):
    java = shutil.which("java")
    assert java, "the Nu HTML checker needs Java"
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: `make test` installs it (npm install)"
    files = {}
    for language in ["en", "de"]:  # each page in both of the site's languages
        for name, url in pages.items():
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code in (200, 404, 451), (name, response.status_code)
            path = tmp_path / f"{language}-{name.replace(' ', '-').replace(',', '')}.html"
            path.write_bytes(response.content)
            files[path.as_uri()] = f"{name} ({language})"
    result = subprocess.run(  # noqa: S603 - the checker, on files this test wrote
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, _paths(files))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)


def _paths(files):
    return [Path(uri.removeprefix("file://")) for uri in files]
