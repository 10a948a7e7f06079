"""An import that stopped after storing its drafts leaves them for the next one to publish."""

import pytest
from werkzeug import Response

from syndication.ingest import fulltext
from syndication.ingest.importer import import_source
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

S = Article.Status


@pytest.mark.django_db(transaction=True)
def test_drafts_an_import_stored_before_it_failed_are_published_by_the_next(
    serve_feed, monkeypatch
):
    source = make_source(auto_publish=True)
    url = serve_feed("rss2_content_encoded.xml")

    def broken(*args, **kwargs):
        raise RuntimeError("the full-text step failed")

    with monkeypatch.context() as patched:
        patched.setattr(fulltext, "fill_new_articles", broken)
        first = import_source(source, url=url)
    assert first.error
    stored = Article.objects.filter(source=source)
    assert stored.exists() and not stored.exclude(status=S.DRAFT).exists()

    import_source(source, url=url)

    assert not Article.objects.filter(source=source, status=S.DRAFT).exists()
    assert not Article.objects.filter(source=source, held_for_import=True).exists()


@pytest.mark.django_db(transaction=True)
def test_drafts_left_by_a_failed_file_import_are_published_by_an_unchanged_feeds_poll(
    feed_server, monkeypatch
):
    body = feed_bytes("rss2_content_encoded.xml")

    def conditional(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    feed_server.expect_request("/feed.xml").respond_with_handler(conditional)
    source = make_source(auto_publish=True, feed_url=feed_server.url_for("/feed.xml"))
    source.auto_publish = False  # the first poll only records the feed's ETag
    import_source(source)
    Article.objects.filter(source=source).delete()
    source.auto_publish = True

    def broken(*args, **kwargs):
        raise RuntimeError("the full-text step failed")

    with monkeypatch.context() as patched:
        patched.setattr(fulltext, "fill_new_articles", broken)
        assert import_source(source, content=body).error  # e.g. `import_feeds --file`
    assert Article.objects.filter(source=source, held_for_import=True).exists()

    poll = import_source(source)

    assert poll.not_modified
    assert not Article.objects.filter(source=source, status=S.DRAFT).exists()
    assert not Article.objects.filter(source=source, held_for_import=True).exists()
