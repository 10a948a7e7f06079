"""What the article URL answers once a takedown removed the article."""

from django.shortcuts import render
from django.urls import reverse

from .. import frontcache
from ..addresses import base_url


def removed_response(request, article):
    """451 Unavailable For Legal Reasons (RFC 7725), with a notice instead of the text.

    The notice names the article and its source but shows none of its text
    and nothing about the claimant. `rel="blocked-by"` points at the takedown process that
    removed it, as RFC 7725 §3 suggests.
    """
    frontcache.add_keys(
        request, frontcache.article_key(article), frontcache.source_key(article.source)
    )
    response = render(
        request,
        "451.html",
        {
            "article": article,
            "source": article.source,
            "takedown_url": reverse("syndication:takedown"),
        },
        status=451,
    )
    response["Link"] = f'<{base_url(request)}{reverse("syndication:takedown")}>; rel="blocked-by"'
    return response
