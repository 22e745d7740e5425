"""manage.py set_role <username> editor|moderator|none"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import ROLES, role_of, set_role


class Command(BaseCommand):
    help = "Give an account a role: editor, moderator, or none (an account without a role)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=sorted(ROLES))

    def handle(self, *args, username, role, **options):
        model = get_user_model()
        try:
            user = model.objects.get(**{model.USERNAME_FIELD: username})
        except model.DoesNotExist:
            raise CommandError(f"There is no account named {username!r}.") from None
        before = role_of(user)
        set_role(user, role)
        self.stdout.write(f"{username}: {before} -> {role_of(user)}")
