"""Creative Commons licences as feeds declare them: recognising one, and what it allows.

Feeds name licences in several ways (RSS `creativeCommons:license`,
`dc:rights`, Atom `<link rel="license">` per RFC 4946, Media RSS
`media:license`); feedparser exposes them as `license`, `rights`,
`links` with rel "license" and `media_license`. Only a licence whose
address is a Creative Commons deed is recognised: free text such as
"All rights reserved" grants nothing.

Every CC licence lets anyone copy and redistribute the whole work verbatim,
so a recognised licence is a full-text permission; NoDerivatives (ND) still
allows the whole text unchanged, which is what we republish. NonCommercial
(NC) counts only on a site that says it is non-commercial
(LEDGER_NON_COMMERCIAL_SITE), since advertising makes a site commercial.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from .models import Permission, Scope

_CC_URL = re.compile(
    r"https?://(?:www\.)?creativecommons\.org/"
    r"(?:licenses/(?P<code>by(?:-nc)?(?:-nd|-sa)?)/(?P<version>\d\.\d)"
    r"|publicdomain/(?P<pd>zero|mark)/(?P<pd_version>\d\.\d))/?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Licence:
    """A recognised Creative Commons licence or public-domain tool."""

    url: str
    name: str
    version: str
    kind: str
    non_commercial: bool

    scope = Scope.FULL  # see the module's docstring

    @property
    def acceptable(self) -> bool:
        """Whether this licence lets this site republish at all."""
        return not self.non_commercial or settings.LEDGER_NON_COMMERCIAL_SITE


def parse(text: str) -> Licence | None:
    """The CC licence whose deed address appears in `text`, or None."""
    match = _CC_URL.search(text or "")
    if match is None:
        return None
    if match["pd"]:
        version = match["pd_version"]
        name = (
            f"CC0 {version}" if match["pd"].lower() == "zero" else f"Public Domain Mark {version}"
        )
        url = f"https://creativecommons.org/publicdomain/{match['pd'].lower()}/{version}/"
        return Licence(url, name, version, Permission.Kind.PUBLIC_DOMAIN, False)
    code, version = match["code"].lower(), match["version"]
    return Licence(
        url=f"https://creativecommons.org/licenses/{code}/{version}/",
        name=f"CC {code.upper()} {version}",
        version=version,
        kind=Permission.Kind.CREATIVE_COMMONS,
        non_commercial="-nc" in code,
    )


def _candidates(element) -> list[str]:
    """Where a feed or an entry may declare its licence, most specific first."""
    found = [
        link.get("href", "") for link in element.get("links", []) if link.get("rel") == "license"
    ]
    media = element.get("media_license")
    if isinstance(media, dict):
        found += [media.get("href", ""), media.get("content", "")]
    found += [element.get("license", ""), element.get("rights", "")]
    return [text for text in found if isinstance(text, str) and text]


def declared(entry, feed=None) -> Licence | None:
    """The licence an entry declares, else the one its feed declares for every entry.

    An entry that states its own rights ("All rights reserved") is not
    covered by the feed's licence.
    """
    texts = _candidates(entry) or _candidates(feed or {})
    return next((licence for text in texts if (licence := parse(text))), None)
