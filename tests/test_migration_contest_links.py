"""Migration 0015 keeps what was sent: a request's one contest link becomes its publisher's,
and a counter-notice already filed keeps its restoration date."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("syndication", "0014_feeds_full_text")]
AFTER = [("syndication", "0015_publisher_contest_links")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_links_and_counter_notices_move_to_their_publisher():
    old = migrate(BEFORE)
    Source = old.get_model("syndication", "Source")
    Article = old.get_model("syndication", "Article")
    TakedownRequest = old.get_model("syndication", "TakedownRequest")
    ClaimedArticle = old.get_model("syndication", "ClaimedArticle")
    Appeal = old.get_model("syndication", "Appeal")
    now = timezone.now()
    sources = [
        Source.objects.create(name=name, slug=name, homepage=f"https://{name}.example.org/")
        for name in ["harbour", "tidewater"]
    ]
    articles = [
        Article.objects.create(
            source=source,
            title=source.name,
            slug=source.name,
            original_url=f"https://{source.name}.example.org/a",
            status="removed",
        )
        for source in sources
    ]
    due = now + timedelta(days=14)
    takedown = TakedownRequest.objects.create(
        reference="TD-000000001",
        status="counter_noticed",
        contest_token="the-emailed-token",
        restore_due_at=due,
        claimant_name="Rosa",
        email="rosa@example.org",
        phone="1",
        postal_address="x",
        work_description="w",
        explanation="e",
        signature="Rosa",
    )
    for article in articles:
        ClaimedArticle.objects.create(
            request=takedown, article=article, status_before="published", removed_at=now
        )
    Appeal.objects.create(request=takedown, kind="counter_notice", explanation="ours")

    new = migrate(AFTER)
    ContestLink = new.get_model("syndication", "ContestLink")
    links = list(ContestLink.objects.filter(request_id=takedown.pk).order_by("source_id"))
    assert [link.source_id for link in links] == [s.pk for s in sources]
    assert links[0].token == "the-emailed-token"  # the link already sent keeps working
    assert links[1].token and links[1].token != links[0].token
    appeal = new.get_model("syndication", "Appeal").objects.get(request_id=takedown.pk)
    assert appeal.source_id == sources[0].pk
    assert appeal.restore_due_at == due

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
