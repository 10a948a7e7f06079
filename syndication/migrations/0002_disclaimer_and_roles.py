"""The initial disclaimer text and the two roles, Editors and Legal."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INITIAL_DISCLAIMER = (
    "This article is reposted from a public source for information only. "
    "It does not necessarily reflect the views of this site. All rights remain with "
    "the original author(s) and publisher. Rights holders can request its removal "
    "through our takedown page."
)

EDITOR_PERMISSIONS = {
    "source": ["add", "change", "delete", "view"],
    "article": ["add", "change", "delete", "view"],
    "disclaimer": ["add", "change", "view"],
}
LEGAL_PERMISSIONS = {
    "source": ["view"],
    "article": ["view"],
    "disclaimer": ["view"],
}


def _grant(apps, group_name, permissions):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for model, actions in permissions.items():
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="syndication", codename__in=codenames)
        )


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them
    # now so that the groups can be given them in this same migration.
    app_config = apps.get_app_config("syndication")
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = previous

    _grant(apps, "Editors", EDITOR_PERMISSIONS)
    _grant(apps, "Legal", LEGAL_PERMISSIONS)

    Disclaimer = apps.get_model("syndication", "Disclaimer")
    if not Disclaimer.objects.exists():
        Disclaimer.objects.create(text=INITIAL_DISCLAIMER)


class Migration(migrations.Migration):
    dependencies = [
        ("syndication", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
