"""The site in English or German: chosen by the browser or the footer's links, same URLs."""

import pytest

from tests.conftest import make_article


@pytest.fixture
def article(db):
    return make_article(title="Harbour news")


def test_the_browser_chooses_the_language_and_the_url_stays(client, article):
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert '<html lang="de">' in german.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert "Accept-Language" in german["Vary"]


def test_a_language_the_site_lacks_falls_back_to_english(client, article):
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_the_footer_links_choose_a_language_without_javascript(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    link = f"/language/?lang=de&amp;next={article.get_absolute_url()}"
    assert f'href="{link}" hreflang="de" lang="de">Deutsch</a>' in page

    response = client.get("/language/", {"lang": "de", "next": article.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert response.cookies["django_language"].value == "de"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # The cookie wins over the browser's own preference.
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de">' in page


def test_the_language_link_never_leads_off_the_site_or_sets_an_unknown_language(client, db):
    response = client.get("/language/", {"lang": "xx", "next": "https://evil.example.org/"})
    assert response["Location"] == "/"
    assert "django_language" not in response.cookies


def test_the_page_cache_keeps_each_language_apart(client, article):
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de">' in german and '<html lang="en">' in english
