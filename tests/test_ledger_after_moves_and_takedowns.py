"""Readers get what the permission covering an article now allows, also after a takedown is
reversed, after it moves to another source, and when an import stops half-way."""

from django.utils import timezone

from syndication.models import Article, Permission
from tests.conftest import make_article, make_permission, make_source
from tests.takedown_factories import REASONS, make_takedown

S = Article.Status


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_a_reversed_takedown_brings_back_only_what_the_current_permission_allows(
    client, legal_user
):
    source = make_source(permission=None)
    full = make_permission(source, scope=Permission.Scope.FULL)
    article = make_article(source, body="<p>The whole secret body.</p>", summary="Short.")
    article.publish()
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    # While it is removed, the agreement is revoked and replaced by an excerpt-only one.
    Permission.objects.filter(pk=full.pk).update(revoked_at=timezone.now())
    make_permission(source, scope=Permission.Scope.EXCERPT)

    takedown.reinstate(legal_user, REASONS)

    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert article.permission.scope == Permission.Scope.EXCERPT
    html = page(client, article)
    assert "Short." in html and "The whole secret body." not in html


def change_form_data(response):
    """What the admin's change form would send back unchanged: its fields and inlines."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None and value is not False:
            data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    return data


def test_an_article_moved_to_another_source_gets_that_sources_scope(editor_client, client):
    full_source = make_source(name="Full Wire")
    excerpt_source = make_source(name="Excerpt Daily", permission="excerpt")
    article = make_article(full_source, body="<p>The whole secret body.</p>")
    article.publish()
    url = f"/admin/syndication/article/{article.pk}/change/"
    data = {**change_form_data(editor_client.get(url)), "source": excerpt_source.pk}

    response = editor_client.post(url, {**data, "_save": "Save"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.source_id == excerpt_source.pk
    assert article.permission.scope == Permission.Scope.EXCERPT
    assert "The whole secret body." not in page(client, article)


def test_moving_to_a_source_without_permission_withdraws_it(db):
    article = make_article(make_source(), body="<p>Body.</p>")
    article.publish()
    article.source = make_source(permission=None)
    article.save()
    article.follow_source_change("Moved to a source without permission.")
    article.refresh_from_db()
    assert article.status == S.WITHDRAWN
    assert article.permission_lapse_note == "Moved to a source without permission."
