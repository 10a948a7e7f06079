"""Pages link to the host and port the reader used, not SITE_URL's; emails keep SITE_URL."""

import pytest
from django.core.management import call_command

from syndication.models import Article
from tests.takedown_factories import REASONS, make_takedown

HOST = "localhost:8123"
BASE = f"http://{HOST}"


def get(client, path):
    return client.get(path, HTTP_HOST=HOST)


def test_og_url_and_the_structured_data_name_the_host_used(client, article):
    html = get(client, article.get_absolute_url()).content.decode()
    assert f'<meta property="og:url" content="{BASE}{article.get_absolute_url()}">' in html
    assert f'"url": "{BASE}/"' in html
    assert "127.0.0.1:8000" not in html


@pytest.mark.parametrize("feed", ["/feeds/rss/", "/feeds/atom/"])
def test_feed_items_report_links_name_the_host_used(client, article, feed):
    body = get(client, feed).content.decode()
    assert f"{BASE}/takedown/?article={article.slug}" in body
    assert "127.0.0.1:8000" not in body


def test_robots_txt_names_the_sitemap_on_the_host_used(client, db):
    assert f"Sitemap: {BASE}/sitemap.xml" in get(client, "/robots.txt").content.decode()


def test_the_451_link_header_names_the_host_used(client, article, legal_user):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    response = get(client, article.get_absolute_url())
    assert response.status_code == 451
    assert response["Link"] == f'<{BASE}/takedown/>; rel="blocked-by"'


def test_the_takedown_forms_example_names_the_host_used(client, db):
    page = get(client, "/takedown/").content.decode()
    assert f"e.g. {BASE}/articles/an-article/" in page
    response = client.post("/takedown/", {"claimed_urls": f"{BASE}/sources/"}, HTTP_HOST=HOST)
    assert f"like {BASE}/articles/…/" in response.content.decode()


def test_an_article_address_on_the_host_used_is_accepted(client, article):
    from tests.takedown_factories import notice_data

    data = notice_data(article, claimed_urls=f"{BASE}{article.get_absolute_url()}")
    response = client.post("/takedown/", data, HTTP_HOST=HOST)
    assert response.status_code == 302


def test_seed_demo_prints_the_address_it_is_given(db, capsys):
    call_command("seed_demo", "--print-logins", "--base-url", "http://127.0.0.1:8080")
    assert "Admin at http://127.0.0.1:8080/admin/" in capsys.readouterr().out
    assert Article.objects.exists()
