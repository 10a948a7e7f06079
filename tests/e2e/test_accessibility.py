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


PAGES = [
    "home",
    "article",
    "source",
    "search",
    "takedown form",
    "takedown status",
    "transparency",
    "removed (451)",
    "not found (404)",
]
# Each page is checked as a reader sees it: light and dark colour schemes, on a
# desktop and a phone.
VIEWS = [(scheme, width) for scheme in ["light", "dark"] for width in [1280, 375]]


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(browser, live_server, pages, name):
    blocking = []
    for scheme, width in VIEWS:
        context = browser.new_context(
            base_url=live_server.url,
            color_scheme=scheme,
            viewport={"width": width, "height": 900},
        )
        page = context.new_page()
        page.goto(pages[name])
        results = Axe().run(page)
        blocking += [
            f"{scheme} {width}px: {v['id']} ({v['impact']}): {v['help']} — "
            f"{[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
            if v["impact"] in BLOCKING
        ]
        context.close()
    assert blocking == [], "\n".join(blocking)


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_on_a_small_phone(browser, live_server, pages, name):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(pages[name])
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert widths[0] <= widths[1], f"{name}: content {widths[0]}px wide in a {widths[1]}px view"


def test_a_printed_article_keeps_its_attribution_and_disclaimer_and_drops_the_navigation(
    browser, live_server, pages
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto(pages["article"])
    page.emulate_media(media="print")
    visible = {
        selector: page.locator(selector).first.is_visible()
        for selector in [".attribution", ".disclaimer", ".article-body", "header nav", "footer"]
    }
    context.close()
    assert visible == {
        ".attribution": True,
        ".disclaimer": True,
        ".article-body": True,
        "header nav": False,
        "footer": False,
    }


def test_dates_never_break_across_lines_on_a_phone(browser, live_server, pages):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    broken = []
    for name in ["home", "article", "source"]:
        page.goto(pages[name])
        lines = page.locator("time").evaluate_all(
            "times => times.map(t => t.getClientRects().length)"
        )
        broken += [name for count in lines if count > 1]
    context.close()
    assert broken == []
