"""Legal sees what went to the public databases and their answers; nobody edits it."""

from syndication.models import OpenRecord
from tests.conftest import make_article
from tests.takedown_factories import REASONS, make_takedown


def test_legal_sees_the_recorded_statements_read_only(legal_client, legal_user):
    takedown = make_takedown(make_article())
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    record = OpenRecord.objects.get()
    page = legal_client.get("/admin/syndication/openrecord/").content.decode()
    assert takedown.reference in page
    change = legal_client.get(f"/admin/syndication/openrecord/{record.pk}/change/")
    assert change.status_code == 200
    assert 'name="payload"' not in change.content.decode()
    assert legal_client.get("/admin/syndication/openrecord/add/").status_code == 403


def test_editors_do_not_see_them(editor_client, db):
    assert editor_client.get("/admin/syndication/openrecord/").status_code == 403
