"""Changes the front-door tests make, run inside the stack's own processes.

`Stack.call("name", **kwargs)` runs `name(**kwargs)` here under `manage.py
shell`, in a process of its own, as an editor's or a Legal user's change
would arrive: through the models' own methods, with their signals and purges.
"""

import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from syndication.models import Article, Disclaimer, Permission, Source, TakedownRequest
from tests.frontdoor.stack import RESULT_MARK
from tests.takedown_factories import REASONS


def run(name, kwargs_json):
    """Calls one of this module's functions; prints its result for Stack.call to read."""
    result = globals()[name](**json.loads(kwargs_json))
    print(RESULT_MARK + json.dumps(result))


def batch(steps):
    """Several of these functions in one process (each process start costs about a second)."""
    return [globals()[name](**kwargs) for name, kwargs in steps]


def source(slug, name=None, auto_publish=False, extra_disclaimer=""):
    """An active source; `auto_publish` makes its imports public at once."""
    made = Source.objects.create(
        slug=slug,
        name=name or slug.replace("-", " ").title(),
        homepage=f"https://{slug}.example.org/",
        auto_publish=auto_publish,
        extra_disclaimer=extra_disclaimer,
    )
    Permission.objects.create(  # the rights ledger: full text, since a year ago
        source=made,
        kind=Permission.Kind.AGREEMENT,
        name="Republished with the publisher's permission",
        valid_from=timezone.now() - timedelta(days=365),
    )
    return {"pk": made.pk, "slug": made.slug, "url": made.get_absolute_url()}


def article(source, slug, title, body="", status=Article.Status.PUBLISHED):
    """A published article (public an hour ago) of the source with slug `source`; or a draft."""
    now = timezone.now()
    made = Article.objects.create(
        source=Source.objects.get(slug=source),
        slug=slug,
        title=title,
        summary=f"Summary of {title}.",
        body=body or f"<p>Body of {title}.</p>",
        original_url=f"https://{source}.example.org/posts/{slug}",
        original_authors="Jane Writer",
        original_published_at=now - timedelta(days=2),
        status=status,
        publish_at=now - timedelta(hours=1) if status == Article.Status.PUBLISHED else None,
    )
    if status == Article.Status.PUBLISHED:
        Article.objects.filter(pk=made.pk).update(permission=made.covering_permission())
    return {"pk": made.pk, "slug": made.slug, "url": made.get_absolute_url()}


def source_with_articles(slug, articles, auto_publish=False):
    """A source and its articles (each the keyword arguments of `article` but `source`)."""
    made = source(slug, auto_publish=auto_publish)
    made["articles"] = [article(slug, **fields) for fields in articles]
    return made


def staff_user(username, password, superuser=True):
    """A staff account that can log in to the admin with `password`."""
    user = get_user_model().objects.create_user(
        username=username, password=password, is_staff=True, is_superuser=superuser
    )
    return {"pk": user.pk}


def accept_takedown(slugs, legal_username="frontdoor-legal"):
    """A notice claiming the articles, received, reviewed and accepted as Legal would."""
    articles = list(Article.objects.filter(slug__in=slugs))
    decider, _ = get_user_model().objects.get_or_create(
        username=legal_username, defaults={"is_staff": True}
    )
    notice = TakedownRequest.submit(
        articles,
        claimed_urls="\n".join(a.get_absolute_url() for a in articles),
        claimant_name="Rosa Rights",
        email="rosa@rights.example.org",
        phone="+44 20 7946 0000",
        postal_address="1 Rights Row, London",
        work_description="An essay.",
        explanation="Copied without a licence.",
        good_faith_statement=True,
        accuracy_statement=True,
        signature="Rosa Rights",
    )
    notice.start_review(decider)
    notice.accept(decider, REASONS)
    return {"reference": notice.reference}


def reinstate_takedown(reference, legal_username="frontdoor-legal"):
    """Reverses an accepted takedown: its articles return."""
    notice = TakedownRequest.objects.get(reference=reference)
    notice.reinstate(get_user_model().objects.get(username=legal_username), REASONS)
    return {"status": notice.status}


def new_disclaimer(text):
    """A new version of the site-wide disclaimer (the newest is the one in force)."""
    return {"pk": Disclaimer.objects.create(text=text).pk}
