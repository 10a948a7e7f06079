import socket

import pytest
from django.db import DEFAULT_DB_ALIAS, connections


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unreachable_database(django_db_blocker, tmp_path):
    """Swaps the default connection for one to a database that cannot be reached.

    A new connection object, so the test database itself stays untouched.
    """
    original = connections[DEFAULT_DB_ALIAS]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    else:
        settings_dict["NAME"] = str(tmp_path / "no-such-directory" / "db.sqlite3")
    broken = original.__class__(settings_dict, DEFAULT_DB_ALIAS)
    with django_db_blocker.unblock():
        connections[DEFAULT_DB_ALIAS] = broken
        try:
            yield
        finally:
            broken.close()
            connections[DEFAULT_DB_ALIAS] = original


def test_healthz_answers_503_when_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
