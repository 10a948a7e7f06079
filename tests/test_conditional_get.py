import pytest

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
