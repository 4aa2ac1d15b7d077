"""`linli create_api_token USERNAME NAME`: make an API token for a user and print
its secret, once. For administrators setting up a program (a chat-group
bridge) on someone's behalf; users make their own on the /api/tokens/ page.
The token sees exactly what USERNAME sees."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from linli.api.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print its secret (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'building 9 chat bridge'.")

    def handle(self, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; its tokens would be refused.")
        if not name.strip():
            raise CommandError("NAME must say what the token is for.")
        token, secret = ApiToken.issue(user, name.strip())
        self.stderr.write(
            f"Created token {token.name!r} ({token.prefix}…) for {username}. "
            "Store the secret now; it is not shown again:"
        )
        self.stdout.write(secret)
