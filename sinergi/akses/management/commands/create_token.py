from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sinergi.akses import services
from sinergi.akses.models import User


class Command(BaseCommand):
    help = "Create an API token for an existing user and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the user's email address")
        parser.add_argument("--days", type=int, default=90, help="validity in days (1-365)")
        parser.add_argument("--name", default="console", help="a name to recognize the token")
        parser.add_argument(
            "--read-only", action="store_true", help="the token may only read, never write"
        )

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None:
            raise CommandError(f"No user with the email address {options['email']}.")
        try:
            token, secret = services.token_create(
                pelaku=None,
                user=user,
                nama=options["name"],
                hari=options["days"],
                read_only=options["read_only"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        scope = "read-only" if token.read_only else "read-write"
        self.stderr.write(
            f"Token for {user.email} ({scope}, expires {token.expires_at:%Y-%m-%d %H:%M %Z}); "
            "it is shown only once:"
        )
        self.stdout.write(secret)
