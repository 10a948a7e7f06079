"""The shipped disclaimer's last sentence now comes with a link, from the template.

Every rendering of the disclaimer adds "Rights holders can ask for its removal
on our takedown page", linked. Where the disclaimer in force is still the text
shipped in migration 0002, a new version without its own (unlinked) takedown
sentence is added, so readers are not told twice; an edited disclaimer is left
as its editors wrote it. Versions are never changed, only added.
"""

from django.db import migrations

SHIPPED = (
    "This article is reposted from a public source for information only. "
    "It does not necessarily reflect the views of this site. All rights remain with "
    "the original author(s) and publisher. Rights holders can request its removal "
    "through our takedown page."
)
WITHOUT_TAKEDOWN_SENTENCE = (
    "This article is reposted from a public source for information only. "
    "It does not necessarily reflect the views of this site. All rights remain with "
    "the original author(s) and publisher."
)


def drop_the_unlinked_sentence(apps, schema_editor):
    Disclaimer = apps.get_model("syndication", "Disclaimer")
    current = Disclaimer.objects.order_by("-created_at", "-id").first()
    if current is not None and current.text == SHIPPED:
        Disclaimer.objects.create(text=WITHOUT_TAKEDOWN_SENTENCE)


class Migration(migrations.Migration):
    dependencies = [("syndication", "0018_article_search_sqlite")]

    operations = [migrations.RunPython(drop_the_unlinked_sentence, migrations.RunPython.noop)]
