"""A feed opened in a browser reads as a page: the feeds name an XSLT stylesheet the site
serves, which turns them into HTML that says what a feed is and how to subscribe."""

import pytest
from lxml import etree

from tests.conftest import make_article


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_a_feed_names_the_stylesheet_and_it_turns_the_feed_into_a_page(client, db, url):
    article = make_article(title="Lighthouse keepers retire", original_authors="Ada Author")
    feed = client.get(url).content
    assert b'<?xml-stylesheet href="/feeds/style.xsl"' in feed

    response = client.get("/feeds/style.xsl")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xsl")
    transform = etree.XSLT(etree.fromstring(response.content))
    page = str(transform(etree.fromstring(feed)))

    assert "This is a web feed" in page and "subscribe" in page
    assert "Lighthouse keepers retire" in page
    assert f'href="http://testserver{article.get_absolute_url()}"' in page
    assert "Ada Author" in page


def test_the_favicon_and_manifest_are_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert client.get(response["Location"]).status_code == 200
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    assert manifest.json()["start_url"] == "/"
    home = client.get("/").content.decode()
    assert 'rel="icon"' in home and 'rel="manifest" href="/manifest.webmanifest"' in home
