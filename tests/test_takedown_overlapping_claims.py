"""Notices that overlap: an article claimed by two notices, articles removed before the
decision, and publishers' counter-notices on a notice of several sources."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from syndication.models import Article, ContestLink, TakedownRequest
from syndication.transparency import monthly_report, totals
from tests.appeal_factories import COUNTER_NOTICE, contest_url, file_counter_notice
from tests.conftest import make_article, make_source
from tests.takedown_factories import REASONS, make_takedown

S = TakedownRequest.Status
OTHER = {**COUNTER_NOTICE, "name": "Olga Other", "signature": "Olga Other"}


def accepted(*articles, by):
    takedown = make_takedown(*articles)
    takedown.start_review(by)
    takedown.accept(by, REASONS)
    takedown.refresh_from_db()
    return takedown


def test_an_article_comes_back_once_no_notice_keeps_it_removed(legal_user, second_legal_user):
    shared = make_article(make_source(rights_contact="a@one.example.org"), title="Shared")
    other = make_article(make_source(rights_contact="b@two.example.org"), title="Other")
    first = accepted(shared, other, by=legal_user)
    second = accepted(shared, by=legal_user)
    # The first notice lets the shared article's publisher go; the second still holds it.
    first.decide_appeal(
        second_legal_user, REASONS, reverse=True, appeal=file_counter_notice(first, shared.source)
    )
    shared.refresh_from_db()
    assert shared.status == Article.Status.REMOVED
    # Once the second lets go too, nothing keeps it removed, though the first still
    # keeps the other publisher's article removed.
    second.reinstate(legal_user, REASONS)
    shared.refresh_from_db()
    other.refresh_from_db()
    assert shared.is_public
    assert other.status == Article.Status.REMOVED


def test_articles_hidden_on_receipt_get_their_publisher_a_link_on_acceptance(settings, legal_user):
    settings.TAKEDOWN_HIDE_ON_RECEIPT = True
    article = make_article(make_source(rights_contact="rights@harbour.example.org"))
    takedown = make_takedown(article)
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED  # hidden on receipt
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    assert ContestLink.objects.filter(request=takedown, source=article.source).exists()
    assert takedown.emails.filter(kind="publisher_notice").exists()


def test_a_second_notice_on_a_removed_article_keeps_it_down_and_can_be_contested(
    client, legal_user
):
    article = make_article(make_source(rights_contact="rights@harbour.example.org"))
    first = accepted(article, by=legal_user)
    second = accepted(article, by=legal_user)
    assert ContestLink.objects.filter(request=second, source=article.source).exists()
    first.reinstate(legal_user, REASONS)
    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED  # the second notice still holds it
    response = client.post(
        contest_url(second),
        {k: ("on" if v is True else v) for k, v in COUNTER_NOTICE.items()},
    )
    assert response.status_code == 200
    appeal = second.appeals.get()
    TakedownRequest.objects.restore_due(now=appeal.restore_due_at + timedelta(minutes=1))
    article.refresh_from_db()
    assert article.is_public


def test_one_publishers_decision_leaves_the_others_page_as_it_was(
    client, legal_user, second_legal_user
):
    one = make_source(name="Harbour Times", rights_contact="a@one.example.org")
    two = make_source(name="Tidewater", rights_contact="b@two.example.org")
    takedown = accepted(make_article(one), make_article(two), by=legal_user)
    appeal = file_counter_notice(takedown, two, **OTHER)
    decision = {**REASONS, "facts": "Olga Other showed a licence for Tidewater's article."}
    takedown.decide_appeal(second_legal_user, decision, reverse=True, appeal=appeal)
    takedown.refresh_from_db()
    assert takedown.reasons_facts == REASONS["facts"]  # the removal's own statement

    page = client.get(contest_url(takedown, one)).content.decode()
    assert REASONS["facts"] in page and "Olga Other" not in page
    page = client.get(contest_url(takedown, two)).content.decode()
    assert "Olga Other showed a licence" in page


def test_whoever_decided_one_publishers_counter_notice_may_decide_anothers(
    legal_user, second_legal_user
):
    sources = [make_source(rights_contact=f"r{n}@example.org") for n in range(3)]
    takedown = accepted(*(make_article(source) for source in sources), by=legal_user)
    first = file_counter_notice(takedown, sources[0])
    with pytest.raises(ValidationError) as refused:  # never the first decider
        takedown.decide_appeal(legal_user, REASONS, reverse=True, appeal=first)
    assert refused.value.code == "same_decider"
    for source in sources:
        appeal = takedown.appeals.filter(source=source).first() or file_counter_notice(
            takedown, source
        )
        takedown.decide_appeal(second_legal_user, REASONS, reverse=False, appeal=appeal)
    assert takedown.appeals.filter(decided_by=second_legal_user).count() == 3


def test_a_partial_restoration_is_not_another_acceptance_in_the_report(legal_user):
    one, two = make_source(), make_source()
    takedown = accepted(make_article(one), make_article(two), by=legal_user)
    appeal = file_counter_notice(takedown, one)
    TakedownRequest.objects.restore_due(now=appeal.restore_due_at + timedelta(minutes=1))
    takedown.refresh_from_db()
    assert takedown.status == S.ACCEPTED
    sums = totals(monthly_report(now=appeal.restore_due_at + timedelta(days=1)))
    assert sums[S.ACCEPTED] == 1
    assert sums["decided"] == 1


def test_a_decide_page_for_an_id_that_is_not_one_is_a_404(legal_client):
    response = legal_client.get("/admin/syndication/takedownrequest/abc/decide/accept/")
    assert response.status_code == 404
