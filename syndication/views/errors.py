"""Error pages in the site's design."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_cache_control


def page_not_found(request, exception):
    response = render(request, "404.html", status=404)
    # Not kept by a front cache: the address may be published a minute later.
    patch_cache_control(response, no_cache=True)
    return response


def server_error(request):
    # Rendered without context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
