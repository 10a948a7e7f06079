"""Staff log in on the admin's own page and land on the admin."""


def test_logging_in_without_a_next_address_lands_on_the_admin(client, editor):
    editor.set_password("a-long-test-password")
    editor.save()

    response = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-test-password"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200
