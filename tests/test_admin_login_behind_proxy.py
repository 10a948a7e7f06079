"""Admin log-in behind our proxy: odd X-Forwarded-For entries never answer 500.

A port after the address is dropped; an entry that is no address at all
falls back to the connection's address. Lockouts stay keyed per address.
"""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PROXY = "10.9.9.9"
WRONG = ("guess", "wrong")
RIGHT = ("sam", "correct horse battery")


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def editor_with_password(django_user_model):
    user = django_user_model.objects.create_user(
        "sam", password="correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def attempt(client, forwarded_for, credentials=WRONG):
    username, password = credentials
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.parametrize(
    "forwarded_for",
    ["1.2.3.4:5678", "[2001:db8::1]:443", "garbage", "1.2.3.4, not-an-ip", "", "1.2.3.4:x"],
)
def test_a_failed_log_in_with_an_odd_forwarded_for_is_a_clear_answer(client, forwarded_for):
    response = attempt(client, forwarded_for)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


@pytest.mark.parametrize("forwarded_for", ["1.2.3.4:5678", "[2001:db8::1]:443", "garbage"])
def test_the_right_password_logs_in_whatever_the_header(
    client, editor_with_password, forwarded_for
):
    response = attempt(client, forwarded_for, RIGHT)
    assert response.status_code == 302


def test_an_address_with_a_port_is_locked_out_as_the_address(client, editor_with_password):
    for port in range(5000, 5005):
        attempt(client, f"198.51.100.7:{port}")

    # Any port, or none: the same client.
    assert attempt(client, "198.51.100.7", RIGHT).status_code == 429
    # Another client behind the same proxy still gets in.
    assert attempt(client, "198.51.100.8:5000", RIGHT).status_code == 302


def test_an_ipv6_address_with_a_port_is_locked_out_as_the_address(client, editor_with_password):
    for port in range(5000, 5005):
        attempt(client, f"[2001:db8::7]:{port}")

    assert attempt(client, "2001:db8::7", RIGHT).status_code == 429
    assert attempt(client, "[2001:db8::8]:443", RIGHT).status_code == 302


def test_unreadable_entries_count_against_the_connection_address(client, editor_with_password):
    for i in range(5):
        attempt(client, f"garbage-{i}")

    # All five came from the proxy's address, as far as anyone can tell.
    assert attempt(client, "not-an-ip", RIGHT).status_code == 429
    assert attempt(client, "203.0.113.9", RIGHT).status_code == 302
