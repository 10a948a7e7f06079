"""Every response carries the site's Content-Security-Policy, built the library's way."""

import pytest
from csp.utils import build_policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/takedown/", "/sources/", "/no-such-page/"])
def test_pages_carry_the_site_policy(client, path):
    response = client.get(path)
    assert response["Content-Security-Policy"] == build_policy()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_changed_policy_setting_is_picked_up(client, settings):
    client.get("/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/sources/")["Content-Security-Policy"] == "default-src 'none'"
