"""Factories for appeal tests: a removal with a publisher, a rejection, a counter-notice."""

from tests.conftest import make_article, make_source
from tests.takedown_factories import REASONS, make_takedown

COUNTER_NOTICE = {
    "name": "Paula Publisher",
    "email": "rights@harbour-times.example.org",
    "phone": "+1 555 0100",
    "postal_address": "1 Press Street\nPortland, OR 97201\nUSA",
    "material": "The essay “On Harbours” at /articles/on-harbours/.",
    "explanation": "We wrote it; the claimant licensed it to us in 2024.",
    "mistake_statement": True,
    "jurisdiction_consent": True,
    "signature": "Paula Publisher",
}


def removal(legal_user, contact="rights@harbour-times.example.org"):
    """An accepted takedown of an article whose source has `contact` as rights contact."""
    source = make_source(rights_contact=contact)
    article = make_article(source, title="On Harbours")
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    takedown.refresh_from_db()
    article.refresh_from_db()
    return takedown, article


def rejection(legal_user):
    article = make_article(title="On Tides")
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.reject(legal_user, REASONS)
    takedown.refresh_from_db()
    return takedown, article


def contest_link(takedown, source=None):
    """The publisher's private link of a removal (of `source`, where it claims several)."""
    links = takedown.contest_links.all()
    return (links if source is None else links.filter(source=source)).get()


def contest_url(takedown, source=None):
    return contest_link(takedown, source).get_absolute_url()


def file_counter_notice(takedown, source=None, **overrides):
    """Files the publisher's counter-notice through its link, as the contest page does."""
    return takedown.file_counter_notice(
        contest_link(takedown, source), **{**COUNTER_NOTICE, **overrides}
    )
