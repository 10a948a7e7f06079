import pytest

URLS = ["/", "/sources/", "/feeds/rss/", "/sitemap.xml", "/search/?q=body"]


@pytest.mark.parametrize("url", URLS)
def test_unchanged_page_answers_304_to_its_etag(client, article, url):
    first = client.get(url)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""


def test_an_edit_changes_the_etag(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]

    article.title = "Edited title"
    article.save()
    response = client.get(article.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Edited title" in response.content.decode()


def test_browsers_must_revalidate_public_pages(client, article):
    assert "no-cache" in client.get(article.get_absolute_url())["Cache-Control"]
