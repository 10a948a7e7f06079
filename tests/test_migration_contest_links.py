"""Migration 0015 keeps what was sent: a request's one contest link becomes its publisher's,
or stays a link for all its publishers, and a counter-notice already filed keeps what it
covered and its restoration date."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from syndication import fts

BEFORE = [("syndication", "0014_feeds_full_text")]
AFTER = [("syndication", "0015_publisher_contest_links")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    fts.ensure_triggers()  # as `migrate` does after the migrations (post_migrate)
    return executor.loader.project_state(targets).apps


def old_removal(old, names, reference):
    """A request accepted before migration 0015, removing one article of each source named,
    with a counter-notice filed through its one link."""
    Source = old.get_model("syndication", "Source")
    Article = old.get_model("syndication", "Article")
    TakedownRequest = old.get_model("syndication", "TakedownRequest")
    ClaimedArticle = old.get_model("syndication", "ClaimedArticle")
    Appeal = old.get_model("syndication", "Appeal")
    now = timezone.now()
    takedown = TakedownRequest.objects.create(
        reference=reference,
        status="counter_noticed",
        contest_token=f"token-{reference}",
        restore_due_at=now + timedelta(days=14),
        claimant_name="Rosa",
        email="rosa@example.org",
        phone="1",
        postal_address="x",
        work_description="w",
        explanation="e",
        signature="Rosa",
    )
    sources = []
    for name in names:
        source = Source.objects.create(
            name=name, slug=name, homepage=f"https://{name}.example.org/"
        )
        article = Article.objects.create(
            source=source,
            title=name,
            slug=name,
            original_url=f"https://{name}.example.org/a",
            status="removed",
        )
        ClaimedArticle.objects.create(
            request=takedown, article=article, status_before="published", removed_at=now
        )
        sources.append(source)
    Appeal.objects.create(request=takedown, kind="counter_notice", explanation="ours")
    return takedown, sources


@pytest.mark.django_db(transaction=True)
def test_existing_links_and_counter_notices_keep_what_they_covered():
    old = migrate(BEFORE)
    one, [harbour] = old_removal(old, ["harbour"], "TD-000000001")
    several, _sources = old_removal(old, ["tidewater", "estuary"], "TD-000000002")

    new = migrate(AFTER)
    ContestLink = new.get_model("syndication", "ContestLink")
    Appeal = new.get_model("syndication", "Appeal")
    # One publisher: the link sent is now that publisher's.
    link = ContestLink.objects.get(request_id=one.pk)
    assert (link.token, link.source_id) == ("token-TD-000000001", harbour.pk)
    appeal = Appeal.objects.get(request_id=one.pk)
    assert appeal.source_id == harbour.pk and appeal.restore_due_at == one.restore_due_at
    # Several publishers shared the link: it still covers all of them, as the
    # counter-notice filed through it does.
    link = ContestLink.objects.get(request_id=several.pk)
    assert (link.token, link.source_id) == ("token-TD-000000002", None)
    appeal = Appeal.objects.get(request_id=several.pk)
    assert appeal.source_id is None and appeal.restore_due_at == several.restore_due_at

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_counter_notice_through_a_link_for_every_publisher_restores_them_all():
    old = migrate(BEFORE)
    several, _sources = old_removal(old, ["tidewater", "estuary"], "TD-000000003")
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from syndication.models import Article, TakedownRequest

    takedown = TakedownRequest.objects.get(pk=several.pk)
    due = takedown.appeals.get().restore_due_at
    assert TakedownRequest.objects.restore_due(now=due + timedelta(minutes=1)) == 1
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.REINSTATED
    assert set(Article.objects.values_list("status", flat=True)) == {"published"}
