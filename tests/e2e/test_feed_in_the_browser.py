"""A reader who opens a feed in the browser sees a page that explains how to subscribe."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_article


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_a_feed_opened_in_the_browser_reads_as_a_page(page, url):
    make_article(title="Lighthouse keepers retire")
    page.goto(url)
    expect(page.locator("#feed-explanation")).to_contain_text("subscribe")
    expect(page.get_by_role("link", name="Lighthouse keepers retire")).to_be_visible()
    # The site's own style sheet applies (the page's column is the site's width).
    width = page.locator("main").evaluate("element => getComputedStyle(element).maxWidth")
    assert width != "none"
