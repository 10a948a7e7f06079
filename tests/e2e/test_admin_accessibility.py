"""axe-core finds no serious or critical accessibility violation on the editors' desk (the
admin index) and on the article form with its rich-text editor."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.utils import timezone

from syndication.models import Article
from tests.conftest import ensure_roles, make_article, make_source

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BLOCKING = {"serious", "critical"}
PASSWORD = "an-accessible-passw0rd"  # noqa: S105


@pytest.fixture
def desk(django_user_model):
    user = django_user_model.objects.create_user(
        username="ada-editor", password=PASSWORD, is_staff=True
    )
    ensure_roles()
    user.groups.add(Group.objects.get(name="Editors"))
    source = make_source(
        name="Failing Courier", feed_url="https://courier.example.org/feed", consecutive_failures=2
    )
    make_article(source, status=Article.Status.DRAFT, publish_at=None, title="A draft")
    make_article(source, publish_at=timezone.now() + timezone.timedelta(hours=2), title="Soon")
    make_article(source, upstream_changed=True, title="Changed upstream")
    return make_article(
        source,
        status=Article.Status.DRAFT,
        publish_at=None,
        title="With a figure",
        body='<h2>Head</h2><ul><li><p>One</p></li></ul><figure class="figure">'
        '<img src="https://courier.example.org/a.jpg" alt="A boat">'
        '<figcaption class="figure-caption">A boat</figcaption></figure>',
    )


def violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("name", ["dashboard", "article form", "new article form"])
def test_admin_page_has_no_serious_accessibility_violations(page, desk, name):
    # Images at the original publisher are not fetched: the browser contacts no one.
    page.route(re.compile(r"^https://"), lambda route: route.fulfill(status=204))
    url = {
        "dashboard": "/admin/",
        "article form": f"/admin/syndication/article/{desk.pk}/change/",
        "new article form": "/admin/syndication/article/add/",
    }[name]
    page.goto(f"/admin/login/?next={url}")
    page.get_by_label("Username").fill("ada-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    if name != "dashboard":
        page.wait_for_selector(".tiptap")

    assert violations(page) == []
