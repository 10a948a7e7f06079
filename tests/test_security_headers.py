import pytest


@pytest.mark.parametrize(
    "url", ["/", "/sources/", "/search/?q=x", "/feeds/rss/", "/sitemap.xml", "/robots.txt"]
)
def test_public_pages_send_the_security_headers(client, article, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]

    assert response.status_code == 200
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_article_page_sends_the_security_headers(client, article):
    response = client.get(article.get_absolute_url())

    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_is_sent_over_https_in_production(client, article, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
