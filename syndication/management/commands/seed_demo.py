import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from syndication.demo import seed

DEMO_USERS = [("demo-editor", "Editors"), ("demo-legal", "Legal")]


class Command(BaseCommand):
    help = "Loads the demo sources and articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help=gettext(
                "Create the demo staff accounts, give them new random passwords and print them."
            ),
        )
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help=gettext(
                "The address the site is served at, for the printed links (default: SITE_URL)."
            ),
        )

    def handle(self, *args, print_logins=False, base_url="", **options):
        result = seed()
        self.stdout.write(
            gettext(
                "Demo data: %(sources)d sources, %(articles_created)d new articles, "
                "%(takedowns_created)d new takedown requests."
            )
            % result
        )
        if print_logins:
            self._print_logins(base_url.rstrip("/"))

    def _print_logins(self, base_url):
        User = get_user_model()
        self.stdout.write(
            gettext("Admin at %(base_url)s/admin/ — demo logins (new each run):")
            % {"base_url": base_url}
        )
        for username, group_name in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = True
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(f"  {username} / {password}   ({group_name})")
