"""An import that stopped after storing its drafts leaves them for the next one to publish."""

import pytest

from syndication.ingest import fulltext
from syndication.ingest.importer import import_source
from syndication.models import Article
from tests.conftest import make_source

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
