"""Relative links and images in imported bodies point at the original site, not at ours."""

import json

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db

RSS = feed_bytes("relative_links.xml")

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://fieldnotes.example.net/">
  <title>Field Notes</title><id>tag:fieldnotes.example.net,2026:feed</id>
  <updated>2026-11-30T10:00:00Z</updated>
  <entry xml:base="posts/2026/">
    <title>Owls in the orchard</title><id>tag:fieldnotes.example.net,2026:owls</id>
    <link href="owls"/><updated>2026-11-30T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Our &lt;a href="owls/recording.mp3"&gt;recording&lt;/a&gt;
      from &lt;q cite="../sources/diary"&gt;the diary&lt;/q&gt;.&lt;/p&gt;</content>
  </entry>
</feed>"""


def _article():
    return Article.objects.get()


def test_rss_body_links_and_images_resolve_against_the_feeds_address(feed_server):
    feed_server.expect_request("/news/feed.xml").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    import_source(make_source(), url=feed_server.url_for("/news/feed.xml"))

    body = _article().body
    base = feed_server.url_for("/")
    assert f'href="{base}news/timetable.pdf"' in body
    assert 'href="https://maps.example.org/pier"' in body  # https: no plain-http image or link
    assert f'src="{base}img/ferry.jpg"' in body
    assert "javascript" not in body  # still dropped, never made "absolute"


def test_a_feed_read_from_a_file_resolves_against_its_sites_address():
    import_source(make_source(), content=RSS)

    body = _article().body
    assert 'href="https://harbour.example.org/timetable.pdf"' in body
    assert 'href="https://maps.example.org/pier"' in body
    assert 'src="https://harbour.example.org/img/ferry.jpg"' in body
    assert _article().lead_image_url == "https://harbour.example.org/img/ferry.jpg"


def test_atom_xml_base_of_the_entry_counts():
    import_source(make_source(), content=ATOM)

    article = _article()
    assert article.original_url == "https://fieldnotes.example.net/posts/2026/owls"
    assert 'href="https://fieldnotes.example.net/posts/2026/owls/recording.mp3"' in article.body
    assert 'cite="https://fieldnotes.example.net/posts/sources/diary"' in article.body


def test_json_feed_html_resolves_against_the_items_page(feed_server):
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Gazette",
        "home_page_url": "https://gazette.example.com/",
        "items": [
            {
                "id": "g-1",
                "url": "https://gazette.example.com/2026/11/bridge",
                "title": "Bridge reopens",
                "content_html": '<p>Read <a href="../notices/17">the notice</a>.</p>',
            }
        ],
    }
    feed_server.expect_request("/2026/feed.json").respond_with_data(
        json.dumps(document), content_type="application/feed+json"
    )
    import_source(make_source(), url=feed_server.url_for("/2026/feed.json"))

    assert 'href="https://gazette.example.com/2026/notices/17"' in _article().body


def test_credentials_in_the_feeds_address_never_reach_a_link(feed_server):
    feed_server.expect_request("/news/feed.xml").respond_with_data(
        RSS.replace(b"<link>https://harbour.example.org/news/ferry</link>", b"<link>ferry</link>"),
        content_type="application/rss+xml",
    )
    port = feed_server.port
    url = f"http://reader:s3cret@127.0.0.1:{port}/news/feed.xml"

    import_source(make_source(), url=url)

    article = _article()
    assert "s3cret" not in article.body and "reader@" not in article.body
    assert article.original_url == f"http://127.0.0.1:{port}/news/ferry"
    assert f'href="http://127.0.0.1:{port}/news/timetable.pdf"' in article.body


def test_an_xml_base_that_is_no_web_address_gives_way_to_the_articles_page():
    feed = ATOM.replace(b'<content type="html">', b'<content type="html" xml:base="file:///etc/">')

    import_source(make_source(), content=feed)

    body = _article().body
    assert 'href="https://fieldnotes.example.net/posts/2026/owls/recording.mp3"' in body
    assert "file:" not in body
