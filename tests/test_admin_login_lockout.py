"""Admin log-in resists guessing: repeated failures lock the account or the address out."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor_with_password(django_user_model):
    user = django_user_model.objects.create_user(
        "sam", password="correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def test_correct_password_logs_in(client, editor_with_password):
    response = attempt(client, "sam", "correct horse battery")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_account_locks_after_five_failures_even_with_the_right_password(
    client, editor_with_password
):
    statuses = [
        # From different addresses: the account itself is what gets locked.
        attempt(client, "sam", "wrong", ip=f"198.51.100.{i}").status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = attempt(client, "sam", "correct horse battery", ip="192.0.2.50")
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()


def test_address_locks_after_five_failures_across_accounts(client, editor_with_password):
    for i in range(5):
        attempt(client, f"guess{i}", "wrong", ip="203.0.113.99")
    response = attempt(client, "sam", "correct horse battery", ip="203.0.113.99")
    assert response.status_code == 429
    # Another address can still log into the account.
    assert attempt(client, "sam", "correct horse battery", ip="203.0.113.100").status_code == 302


def test_four_failures_do_not_lock(client, editor_with_password):
    for _ in range(4):
        attempt(client, "sam", "wrong")
    assert attempt(client, "sam", "correct horse battery").status_code == 302
