"""schema.org `NewsArticle` data for an article page (JSON-LD in its head)."""

from django.conf import settings


def _organisation(name, url):
    return {"@type": "Organization", "name": name, "url": url}


def news_article(article, disclaimer: str, url: str, site_url: str) -> dict:
    """Describes our copy at `url` on the site at `site_url`: who wrote it, who holds the
    rights, and what it is based on."""
    source = article.source
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": url,
        "isBasedOn": article.original_url,
        "publisher": _organisation(settings.SITE_NAME, site_url + "/"),
        "sourceOrganization": _organisation(source.name, source.homepage),
        "copyrightHolder": _organisation(source.name, source.homepage),
        "dateModified": article.updated_at.isoformat(),
        "creditText": disclaimer,
    }
    # A draft previewed before either date is known has none (public pages always do).
    published = article.original_published_at or article.publish_at
    if published:
        data["datePublished"] = published.isoformat()
    if article.public_summary:
        data["description"] = article.public_summary
    if article.shows_lead_image:
        image = {"@type": "ImageObject", "url": article.lead_image_url}
        if article.lead_image_credit:
            image["creditText"] = article.lead_image_credit
        if article.lead_image_alt:
            image["caption"] = article.lead_image_alt
        data["image"] = [image]
    authors = article.authors_list
    data["author"] = (
        [{"@type": "Person", "name": name} for name in authors]
        if authors
        else [_organisation(source.name, source.homepage)]
    )
    # The grounds in the rights ledger: the licence's address where it has one.
    if article.effective_license_url:
        data["license"] = article.effective_license_url
    elif article.effective_license:
        data["license"] = article.effective_license
    return data
