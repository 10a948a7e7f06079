import pytest
from django.urls import path


def _broken_view(request):
    raise RuntimeError("deliberate failure for the 500 page")


urlpatterns = [path("broken/", _broken_view)]
handler500 = "syndication.views.errors.server_error"


def test_404_page_is_in_the_sites_design(client, db):
    response = client.get("/no/such/page/")
    html = response.content.decode()

    assert response.status_code == 404
    assert "Page not found" in html
    assert 'class="site-header"' in html
    assert 'href="/"' in html


@pytest.mark.urls("tests.test_error_pages")
def test_500_page_is_friendly_and_leaks_nothing(client, db):
    client.raise_request_exception = False

    response = client.get("/broken/")
    html = response.content.decode()

    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "deliberate failure" not in html
    assert "Traceback" not in html


def test_the_not_found_page_asks_search_engines_not_to_index_it(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<meta name="robots" content="noindex">' in response.content.decode()
