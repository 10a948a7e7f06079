"""Pages and feeds go out gzipped through Varnish to readers that accept it."""

import gzip

import pytest


@pytest.mark.parametrize(
    "surface", ["/", "article", "source", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml"]
)
def test_pages_and_feeds_are_gzipped_for_clients_that_accept_it(stack, shared_article, surface):
    pages = {"article": shared_article["article"]["url"], "source": shared_article["source"]["url"]}
    path = pages.get(surface, surface)
    zipped = stack.get(path, {"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.status == 200
    assert zipped.header("Content-Encoding") == "gzip"
    text = gzip.decompress(zipped.body).decode()
    plain = stack.get(path)
    assert plain.header("Content-Encoding") is None
    assert plain.body.decode() == text
    if surface != "/sitemap.xml":  # it lists only articles whose SEO policy is `index`
        assert shared_article["title"] in text
