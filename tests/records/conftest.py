"""Open-records tests: a real HTTP server on 127.0.0.1 stands in for the public databases."""

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="module")
def local_server():
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def records_server(local_server):
    """The server with no expectations left from an earlier test."""
    local_server.clear()
    yield local_server
    local_server.clear()
