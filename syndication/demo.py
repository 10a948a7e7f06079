"""Demo data for `seed_demo`: three publishers and their articles in every state.

The texts are written for this demo; the publishers and addresses are
invented (example.org domains), so nothing here reposts anyone's real work.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Article, Permission, Scope, SeoPolicy, Source, TakedownRequest

SOURCES = [
    {
        "slug": "harbour-gazette",
        "name": "The Harbour Gazette",
        "homepage": "https://harbour-gazette.example.org/",
        "feed_url": "",
        "rights_contact": "rights@harbour-gazette.example.org",
        "default_license": "Republished with permission",
        "extra_disclaimer": "The Harbour Gazette is an independent local newspaper.",
        "seo_policy": SeoPolicy.NOINDEX,
    },
    {
        "slug": "open-science-wire",
        "name": "Open Science Wire",
        "homepage": "https://open-science-wire.example.org/",
        "feed_url": "",
        "rights_contact": "editor@open-science-wire.example.org",
        "default_license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "extra_disclaimer": "",
        "seo_policy": SeoPolicy.CANONICAL,
    },
    {
        "slug": "valley-tech-review",
        "name": "Valley Tech Review",
        "homepage": "https://valley-tech-review.example.org/",
        "feed_url": "",
        "rights_contact": "Valley Tech Review, 12 Mill Lane, Springfield",
        "default_license": "CC BY-SA 4.0",
        "license_url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "extra_disclaimer": "Figures quoted are the publisher's own.",
        "seo_policy": SeoPolicy.INDEX,
    },
]

TOPICS = [
    ("Council approves new ferry timetable", "Residents", "ferry crossings"),
    ("Harbour wall repairs finish ahead of winter", "Engineers", "the sea wall"),
    ("Fishing cooperative reports record season", "Skippers", "the autumn catch"),
    ("Library extends weekend opening hours", "Readers", "the reading rooms"),
    ("Volunteers restore the old lighthouse lens", "Volunteers", "the lighthouse"),
    ("School garden wins regional prize", "Pupils", "the vegetable beds"),
    ("Market square to close for resurfacing", "Traders", "the cobbles"),
    ("New cycle path links the two villages", "Cyclists", "the coastal route"),
    ("Researchers map soil microbes across Europe", "Ecologists", "soil samples"),
    ("Open data reveals shifts in bird migration", "Ornithologists", "migration records"),
    ("Replication study confirms sleep and memory link", "Psychologists", "sleep diaries"),
    ("Citizen scientists find new comet fragments", "Amateur astronomers", "night-sky images"),
    ("Glacier melt measured with low-cost sensors", "Glaciologists", "meltwater"),
    ("Preprint server passes a million papers", "Librarians", "open preprints"),
    ("Study tracks microplastics in river sediment", "Hydrologists", "river mud"),
    ("Coral nurseries show promising survival rates", "Marine biologists", "young corals"),
    ("Small firms adopt open-source accounting tools", "Bookkeepers", "ledgers"),
    ("Regional data centre switches to heat reuse", "Operators", "waste heat"),
    ("Start-up builds repairable laptop keyboards", "Designers", "keyboards"),
    ("Broadband reaches the last hill farms", "Farmers", "fibre lines"),
    ("Local developers meet for accessibility sprint", "Developers", "screen readers"),
    ("Battery recycling plant opens its doors", "Chemists", "spent cells"),
    ("Town tests sensor network for air quality", "Planners", "air sensors"),
    ("Makerspace teaches soldering to seniors", "Retirees", "circuit boards"),
    ("Rail operator publishes real-time punctuality", "Commuters", "train times"),
    ("Museum digitises its maritime archive", "Archivists", "ship logs"),
    ("Wind cooperative signs up its thousandth member", "Members", "turbine shares"),
    ("Weather station network goes open access", "Forecasters", "rain gauges"),
    ("Hospital trials quieter night wards", "Nurses", "night shifts"),
    ("Community radio celebrates twenty years", "Presenters", "the airwaves"),
    ("Software bill of materials becomes tender rule", "Procurement officers", "dependencies"),
    ("Students build a satellite from kit parts", "Students", "the cubesat"),
    ("Bakery switches to solar ovens", "Bakers", "morning loaves"),
    ("Bridge inspection uses drones for the first time", "Inspectors", "the old bridge"),
]

# The rights ledger, one permission of each kind: each source's own, and two
# articles with their own (an override wins over the source's permission).
SOURCE_PERMISSIONS = {
    "harbour-gazette": {
        "kind": Permission.Kind.AGREEMENT,
        "name": "Republished with permission",
        "scope": Scope.FULL,
        "evidence_url": "https://harbour-gazette.example.org/syndication-agreement",
        "note": "Syndication agreement signed by the editor-in-chief; renewed every year.",
        "ends_in_days": 20,  # so the demo lists a permission ending soon
    },
    "open-science-wire": {
        "kind": Permission.Kind.CREATIVE_COMMONS,
        "name": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "license_version": "4.0",
        "scope": Scope.FULL,
        "evidence_url": "https://open-science-wire.example.org/about/licence",
    },
    "valley-tech-review": {
        "kind": Permission.Kind.CREATIVE_COMMONS,
        "name": "CC BY-SA 4.0",
        "license_url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "license_version": "4.0",
        "scope": Scope.FULL,
        "evidence_url": "https://valley-tech-review.example.org/terms",
    },
}
ARTICLE_PERMISSIONS = {
    # Topic index: its own permission.
    3: {
        "kind": Permission.Kind.PUBLISHER_TERMS,
        "name": "The Harbour Gazette's reuse terms (excerpts with a link)",
        "scope": Scope.EXCERPT,
        "evidence_url": "https://harbour-gazette.example.org/reuse-terms",
        "note": "The library feature is outside the agreement: excerpts only.",
    },
    10: {
        "kind": Permission.Kind.PUBLIC_DOMAIN,
        "name": "Public domain (CC0 1.0)",
        "license_url": "https://creativecommons.org/publicdomain/zero/1.0/",
        "license_version": "1.0",
        "scope": Scope.FULL,
        "evidence_url": "https://open-science-wire.example.org/replication-study/licence",
    },
}

AUTHORS = ["Ana Ribeiro", "Tomasz Nowak", "Grace Okafor", "Liam Byrne", "Mei Lin", "Sara Haddad"]


def _body(title, who, what):
    return (
        f"<p>{who} gathered this week to discuss {what}, after months of preparation.</p>"
        f"<h2>What changes</h2><p>The plans behind “{title.lower()}” were presented in public, "
        f"and {who.lower()} said the work would be reviewed again next year.</p>"
        f"<blockquote><p>We wanted to do this properly, and in the open.</p></blockquote>"
        f"<ul><li>Timeline published online</li><li>Costs shared with residents</li>"
        f"<li>Feedback open until the end of the month</li></ul>"
        f'<p>More details are on the <a href="https://example.org/">project page</a>.</p>'
    )


def _state(i, now):
    """Spreads the demo articles over every state the public site must handle."""
    if i < 24:
        return Article.Status.PUBLISHED, now - timedelta(hours=6 * (i + 1))
    if i < 27:
        return Article.Status.DRAFT, None
    if i < 30:
        return Article.Status.PUBLISHED, now + timedelta(days=i - 26)  # scheduled
    return Article.Status.WITHDRAWN, now - timedelta(days=10)


@transaction.atomic
def seed(now=None):
    """Creates or updates the demo sources and articles; running it twice changes nothing."""
    now = now or timezone.now()
    sources = []
    for data in SOURCES:
        source, _ = Source.objects.update_or_create(slug=data["slug"], defaults=data)
        _permission(source, None, SOURCE_PERMISSIONS[source.slug], now)
        sources.append(source)

    created = 0
    for i, (title, who, what) in enumerate(TOPICS):
        source = sources[i % len(sources)]
        slug = slugify(title)
        original_url = f"{source.homepage}{now.year}/{slug}"
        if Article.objects.filter(slug=slug).exists():
            continue  # keep whatever state editors or takedowns have moved it to
        status, publish_at = _state(i, now)
        article = Article.objects.create(
            source=source,
            title=title,
            slug=slug,
            summary=f"{who} and {what}: {title.lower()}, reported by {source.name}.",
            body=_body(title, who, what),
            original_url=original_url,
            original_authors=AUTHORS[i % len(AUTHORS)],
            original_published_at=now - timedelta(days=i + 1),
            retrieved_at=now - timedelta(days=i, hours=12),
            feed_guid=original_url,
            status=status,
            publish_at=publish_at,
        )
        if i in ARTICLE_PERMISSIONS:
            _permission(source, article, ARTICLE_PERMISSIONS[i], now)
        if status == Article.Status.PUBLISHED:
            # As publish() records it; the demo's times are set, not "now".
            Article.objects.filter(pk=article.pk).update(
                permission=article.covering_permission(max(now, publish_at))
            )
        created += 1
    takedowns = _seed_takedown()
    return {"sources": len(sources), "articles_created": created, "takedowns_created": takedowns}


def _permission(source, article, data, now):
    """The demo's permission, created once: an editor's later changes to it are kept."""
    data = dict(data)
    ends_in_days = data.pop("ends_in_days", None)
    valid_until = now + timedelta(days=ends_in_days) if ends_in_days else None
    permission, _ = Permission.objects.get_or_create(
        source=source,
        article=article,
        name=data.pop("name"),
        defaults={**data, "valid_from": now - timedelta(days=365), "valid_until": valid_until},
    )
    return permission


DEMO_TAKEDOWN_REFERENCE = "TD-DEM000001"
DEMO_TAKEDOWN_SLUG = slugify(TOPICS[23][0])  # a published Valley Tech Review article


def _seed_takedown():
    """One article removed by an accepted takedown, so the demo shows a 451 page."""
    if TakedownRequest.objects.filter(reference=DEMO_TAKEDOWN_REFERENCE).exists():
        return 0
    article = Article.objects.filter(slug=DEMO_TAKEDOWN_SLUG).first()
    if article is None or article.status == Article.Status.REMOVED:
        return 0
    url = f"{settings.SITE_URL}{article.get_absolute_url()}"
    takedown = TakedownRequest.objects.create(
        reference=DEMO_TAKEDOWN_REFERENCE,
        claimed_urls=url,
        claimant_name="Dana Example",
        organisation="Example Photo Agency",
        email="dana@photo-agency.example.org",
        phone="+1 555 0100",
        postal_address="1 Example Street, Springfield",
        capacity=TakedownRequest.Capacity.AGENT,
        represented_owner="Example Photo Agency",
        work_description="A photo series of the makerspace, first published by the agency.",
        explanation="The republished article includes our photographs without a licence.",
        good_faith_statement=True,
        accuracy_statement=True,
        signature="Dana Example",
    )
    takedown.articles.add(article)
    takedown._log(None, "", TakedownRequest.Status.RECEIVED, "Demo notice.")
    takedown.start_review(by=None)
    takedown.accept(
        by=None,
        reasons={
            "action": "The article was removed from the site.",
            "facts": "The agency showed that the photographs are theirs and were not licensed.",
            "ground": "Infringement of copyright.",
            "redress": "The publisher may send a counter-notice by replying to our email.",
        },
        notify=False,
    )
    return 1
