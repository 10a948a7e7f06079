"""Feed import: fetching (fetching.py), entry mapping (entries.py), storing (importer.py).

`import_source()` and `import_due_sources()` are what the `import_feeds`
command and the admin's "Fetch feed now" action call.
"""

from .entries import normalise_url, remove_duplicated_lead
from .fetching import FetchError, fetch
from .importer import FeedError, ImportResult, import_due_sources, import_source

__all__ = [
    "FeedError",
    "FetchError",
    "ImportResult",
    "fetch",
    "import_due_sources",
    "import_source",
    "normalise_url",
    "remove_duplicated_lead",
]
