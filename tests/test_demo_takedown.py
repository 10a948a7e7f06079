from django.core.management import call_command

from syndication.demo import DEMO_TAKEDOWN_SLUG
from syndication.models import Article, TakedownRequest


def test_demo_data_has_an_article_removed_by_an_accepted_takedown(client, db):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent

    takedown = TakedownRequest.objects.get()
    assert takedown.status == TakedownRequest.Status.ACCEPTED
    article = Article.objects.get(slug=DEMO_TAKEDOWN_SLUG)
    assert article.status == Article.Status.REMOVED
    assert client.get(article.get_absolute_url()).status_code == 451
