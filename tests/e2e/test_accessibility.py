"""axe-core finds no serious or critical accessibility violation on the public pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BLOCKING = {"serious", "critical"}


@pytest.fixture
def pages():
    source = make_source(name="Accessible Almanac", extra_disclaimer="Shared under licence.")
    article = None
    for n in range(22):
        article = make_article(
            source,
            title=f"Almanac entry {n}",
            summary="Seasons, tides and harvests.",
            body="<p>A body with a <a href='https://example.org/'>link</a>, <em>emphasis</em>.</p>",
        )
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "source": source.get_absolute_url(),
        "search": "/search/?q=almanac",
        "takedown form": f"/takedown/?article={article.slug}",
        "takedown status": "/takedown/status/",
        "transparency": "/transparency/",
        "removed (451)": make_article(source, status="removed").get_absolute_url(),
        "not found (404)": "/articles/no-such-article/",
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "article",
        "source",
        "search",
        "takedown form",
        "takedown status",
        "transparency",
        "removed (451)",
        "not found (404)",
    ],
)
def test_page_has_no_serious_accessibility_violations(page, pages, name):
    page.goto(pages[name])

    results = Axe().run(page)

    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert blocking == []
