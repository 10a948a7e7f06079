"""Form media in the admin with the request's Content-Security-Policy nonce."""

from django import template
from js_asset import Media

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media):
    """Renders `media` (scripts, stylesheets, import map) with the request's CSP nonce.

    django-js-asset's documented way with django-csp: the editor's import map
    is an inline element, which the policy allows only with the nonce.
    """
    nonce = getattr(context.get("request"), "csp_nonce", "")
    if not isinstance(media, Media):
        media = Media.from_media(media)
    return media.with_nonce(str(nonce)).render()
