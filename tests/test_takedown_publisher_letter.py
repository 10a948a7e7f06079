"""A publisher whose rights contact is a postal address is told too: by a letter Legal posts."""

from django.core import mail

from syndication.models import TakedownEmail
from tests.appeal_factories import contest_url, removal

ADDRESS = "The Rights Desk\n1 Press Street\nPortland, OR 97201"


def test_a_postal_contact_gets_its_notice_as_a_letter_for_legal_to_post(
    settings, legal_user, django_capture_on_commit_callbacks
):
    settings.LEGAL_TEAM_EMAILS = ["legal@example.org"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        takedown, article = removal(legal_user, contact=ADDRESS)
    [letter] = [m for m in mail.outbox if "To post" in m.subject]
    assert letter.to == ["legal@example.org"]
    assert ADDRESS in letter.body
    assert contest_url(takedown) in letter.body  # the publisher's own link, to print
    assert article.title in letter.body
    for private in [takedown.email, takedown.phone]:
        assert private not in letter.body
    assert not takedown.emails.filter(kind=TakedownEmail.Kind.PUBLISHER_NOTICE).exists()
    assert takedown.events.filter(note__contains="went to the Legal team to post to").exists()


def test_a_source_with_no_contact_at_all_is_flagged_to_legal(legal_user):
    takedown, _article = removal(legal_user, contact="")
    letter = takedown.emails.get(kind=TakedownEmail.Kind.PUBLISHER_LETTER)
    assert "no rights contact is recorded" in letter.body
