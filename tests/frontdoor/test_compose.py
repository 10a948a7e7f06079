"""In docker compose, Varnish is the only way in, and the app knows it is behind it."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_varnish_is_the_only_service_that_publishes_a_port():
    published = {name for name, service in services().items() if service.get("ports")}
    assert published == {"varnish"}


def test_varnish_runs_the_projects_vcl_with_xkey_in_front_of_a_healthy_web():
    varnish = services()["varnish"]
    assert varnish["image"].startswith("varnish:7.")  # the official image ships xkey
    assert "./deploy/varnish:/etc/varnish:ro" in varnish["volumes"]
    command = varnish["command"]
    assert command[command.index("-f") + 1] == "/etc/varnish/default.vcl"
    listeners = [value for flag, value in zip(command, command[1:], strict=False) if flag == "-a"]
    # Readers on :80 (published); purges on a listener of their own, never published.
    assert listeners == [":80", "purge=:6081"]
    assert varnish["ports"] == ["80:80"]
    assert command[command.index("-s") + 1].startswith("malloc,")
    assert varnish["depends_on"]["web"]["condition"] == "service_healthy"
    backend = (ROOT / "deploy" / "varnish" / "backend.vcl").read_text()
    assert '.host = "web"' in backend and '.port = "8000"' in backend


def test_web_is_reached_only_through_varnish_and_purges_it():
    web = services()["web"]
    assert "ports" not in web
    assert [str(port) for port in web["expose"]] == ["8000"]
    assert web["environment"]["FRONT_CACHES"] == "http://varnish:6081"
    # Varnish's X-Forwarded-For entry is the one that names the client.
    assert str(web["environment"]["TRUSTED_PROXY_COUNT"]) == "1"
    command = web["command"]
    assert command.index("manage.py migrate") < command.index("manage.py createcachetable")
    assert command.index("manage.py createcachetable") < command.index("gunicorn config.wsgi")


def test_every_process_that_changes_public_content_purges_varnish():
    for name in ("web", "importer", "mailer"):
        assert services()[name]["environment"]["FRONT_CACHES"] == "http://varnish:6081", name
