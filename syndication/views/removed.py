"""What the article URL answers once a takedown removed the article."""

from django.http import Http404


def removed_response(request, article):
    """The response for an article in the `removed` state.

    Until the takedown workflow exists this is a plain 404, never the text.
    """
    raise Http404("This article is not available.")
