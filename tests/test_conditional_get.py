import pytest

from tests.conftest import make_article, make_source

URLS = ["/", "/sources/", "/feeds/rss/", "/sitemap.xml", "/search/?q=body"]


@pytest.mark.parametrize("url", URLS)
def test_unchanged_page_answers_304_to_its_etag(client, article, url):
    first = client.get(url)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""


def test_an_edit_changes_the_etag(client, article, django_capture_on_commit_callbacks):
    etag = client.get(article.get_absolute_url())["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Edited title"
        article.save()
    response = client.get(article.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Edited title" in response.content.decode()


@pytest.mark.parametrize("url", URLS)
def test_front_caches_may_keep_public_pages_while_browsers_revalidate(client, article, url):
    cache_control = client.get(url)["Cache-Control"]

    assert "public" in cache_control
    assert "max-age=0" in cache_control.replace("s-maxage", "")
    assert "s-maxage=300" in cache_control


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml"])
def test_a_feed_reader_asking_modified_since_gets_a_takedown(
    client, db, url, django_capture_on_commit_callbacks
):
    older = make_article(source=make_source(seo_policy="index"), title="An older story")
    newest = make_article(source=older.source, title="The newest story")
    first = client.get(url)
    since = first.get("Last-Modified") or "Tue, 01 Dec 2099 00:00:00 GMT"

    with django_capture_on_commit_callbacks(execute=True):
        newest.remove()  # the newest item goes; the feed's newest date moves back
    response = client.get(url, headers={"If-Modified-Since": since})

    assert response.status_code == 200
    assert newest.get_absolute_url() not in response.content.decode()
    assert older.get_absolute_url() in response.content.decode()
