"""A reader's way through the site, in a real browser."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from syndication.models import Disclaimer
from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site():
    Disclaimer.objects.create(
        text="Republished with permission; all rights remain with the author."
    )
    harbour = make_source(name="Harbour Herald", homepage="https://harbour.example.org/")
    other = make_source(name="Valley Voice")
    now = timezone.now()
    for n in range(24):
        make_article(
            other,
            title=f"Valley story {n:02d}",
            publish_at=now - timedelta(hours=n + 2),
        )
    featured = make_article(
        harbour,
        title="Lighthouse keepers look back",
        summary="Forty years on the rocks.",
        body="<p>The lighthouse keepers remember every storm.</p>",
        original_url="https://harbour.example.org/lighthouse",
        original_authors="Nora Keeper",
        publish_at=now - timedelta(minutes=30),
    )
    return {"featured": featured, "harbour": harbour}


def test_reader_follows_an_article_to_its_source_then_searches_and_pages(page, site):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Latest articles")

    page.get_by_role("link", name="Lighthouse keepers look back").click()
    expect(page).to_have_url(f"{page.url.split('/articles/')[0]}/articles/{site['featured'].slug}/")
    attribution = page.get_by_role("complementary", name="Original source")
    expect(attribution).to_contain_text("Originally published by Harbour Herald")
    expect(attribution).to_contain_text("Nora Keeper")
    expect(
        attribution.get_by_role("link", name="Read the original at Harbour Herald")
    ).to_have_attribute("href", "https://harbour.example.org/lighthouse")
    disclaimer = page.get_by_role("region", name="Disclaimer")
    expect(disclaimer).to_be_visible()
    expect(disclaimer).to_contain_text(
        "Republished with permission; all rights remain with the author."
    )
    expect(page.get_by_role("link", name="Report this article")).to_have_attribute(
        "href", f"/takedown/?article={site['featured'].slug}"
    )

    page.get_by_role("link", name="More from Harbour Herald").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour Herald")
    expect(page.get_by_role("link", name="Lighthouse keepers look back")).to_be_visible()

    # The search box in the header, on every page.
    header_search = page.locator("header").get_by_role("search")
    header_search.get_by_label("Search articles").fill("lighthouse")
    header_search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("1 result for “lighthouse”")
    expect(page.locator(".result mark").first).to_have_text("lighthouse", ignore_case=True)

    page.goto("/")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Older").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?page=2")
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Valley story 23")).to_be_visible()


def test_keyboard_reader_can_skip_to_the_content(page, site):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{page.url.split('#')[0]}#main")


def test_article_page_reads_well_on_a_phone(browser, live_server, site):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(site["featured"].get_absolute_url())
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360
        expect(page.get_by_role("region", name="Disclaimer")).to_be_visible()
    finally:
        context.close()
