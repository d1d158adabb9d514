"""Create a newsroom user from a script: `manage.py create_user NAME --role editor`."""

import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import user_create

PASSWORD_VARIABLE = "CLAIMTRACK_NEW_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a user with a newsroom role, without prompts. The password comes from "
        f"--password-stdin or ${PASSWORD_VARIABLE}; with neither, a strong one is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        parser.add_argument("--staff", action="store_true", help="may also sign in to the admin site")

    def handle(self, *args, username, role, email, password_stdin, staff, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n") or None
            if password is None:
                raise CommandError("--password-stdin was given but standard input was empty.")
        try:
            user, generated = user_create(
                username=username, email=email, role=role, password=password, staff=staff
            )
        except ValidationError as error:
            lines = [f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
            raise CommandError("Could not create the user. " + " ".join(lines)) from error
        self.stdout.write(f"Created {user.username} ({role}{', admin site' if staff else ''}).")
        if generated:
            self.stdout.write(f"Password (shown once): {generated}")
