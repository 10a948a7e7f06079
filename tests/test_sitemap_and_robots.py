from syndication.models import Article, SeoPolicy
from tests.conftest import make_article, make_source


def test_sitemap_lists_only_indexable_public_articles(client, db):
    indexed_source = make_source(seo_policy=SeoPolicy.INDEX)
    listed = make_article(indexed_source)
    by_override = make_article(make_source(), seo_policy=SeoPolicy.INDEX)
    noindex = make_article(make_source())
    canonical = make_article(make_source(seo_policy=SeoPolicy.CANONICAL))
    opted_out = make_article(indexed_source, seo_policy=SeoPolicy.NOINDEX)
    draft = make_article(indexed_source, status=Article.Status.DRAFT)

    response = client.get("/sitemap.xml")
    xml = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert f"/articles/{listed.slug}/</loc>" in xml
    assert f"/articles/{by_override.slug}/</loc>" in xml
    for absent in (noindex, canonical, opted_out, draft):
        assert f"/articles/{absent.slug}/" not in xml
    assert f"/sources/{indexed_source.slug}/</loc>" in xml
    assert "<loc>http://testserver/</loc>" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
