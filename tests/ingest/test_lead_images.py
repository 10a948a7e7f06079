"""Imported entries bring their lead image, with its credit and alt text where the feed has them."""

import pytest

from syndication.ingest import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    source = make_source(homepage="https://pictures.example.org/")
    import_source(source, content=feed_bytes("images.xml"))
    return {a.feed_guid: a for a in Article.objects.all()}


def _image(article):
    return (article.lead_image_url, article.lead_image_alt, article.lead_image_credit)


def test_media_content_with_its_credit(imported):
    assert _image(imported["pp-1"]) == (
        "https://img.example.org/harbour.jpg",
        "",
        "Jo Lens / Coast Agency",
    )


def test_media_thumbnail_with_the_items_credit(imported):
    assert _image(imported["pp-2"]) == (
        "https://img.example.org/roof-thumb.jpg",
        "",
        "Staff photographer",
    )


def test_an_image_enclosure(imported):
    assert imported["pp-3"].lead_image_url == "https://img.example.org/choir.png"


def test_the_first_img_of_the_body_with_its_alt_text_resolved_against_the_site(imported):
    article = imported["pp-4"]
    assert _image(article) == (
        "https://pictures.example.org/photos/bridge.jpg",
        "Scaffolding under the stone arches of the bridge",
        "",
    )
    # The body's own <img> is made absolute too, so the page shows the image once, in the body.
    assert 'src="https://pictures.example.org/photos/bridge.jpg"' in article.body
    assert article.lead_image_in_body


def test_no_image_from_an_audio_enclosure_or_a_plain_http_address(imported):
    assert imported["pp-5"].lead_image_url == ""
    assert imported["pp-6"].lead_image_url == ""  # the CSP allows https images only


def test_a_json_feed_items_image(feed_server):
    import_source(make_source(), content=feed_bytes("jsonfeed.json"))

    article = Article.objects.get(feed_guid="gazette-2026-11-30-lighthouse")
    assert article.lead_image_url == "https://gazette.example.org/images/lighthouse.jpg"


def test_a_new_image_upstream_updates_an_untouched_draft():
    source = make_source()
    import_source(source, content=feed_bytes("images.xml"))
    changed = feed_bytes("images.xml").replace(b"harbour.jpg", b"harbour-2.jpg")

    result = import_source(source, content=changed)

    assert result.updated == 1
    assert Article.objects.get(feed_guid="pp-1").lead_image_url.endswith("harbour-2.jpg")


def test_entries_without_images_keep_their_checksums():
    # Articles imported before lead images existed are not all seen as changed.
    source = make_source()
    import_source(source, content=feed_bytes("rss1.rdf"))

    assert import_source(source, content=feed_bytes("rss1.rdf")).skipped == 2
