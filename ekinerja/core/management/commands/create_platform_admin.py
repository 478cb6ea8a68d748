"""Create (or reset) a platform admin: runs a multi-agency deployment, creates agencies,
and sees no personal data by default."""

from __future__ import annotations

import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ekinerja.core import audit
from ekinerja.core.models import User


class Command(BaseCommand):
    help = "Create a platform admin account (or set a new password for an existing one)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input instead of prompting",
        )

    @transaction.atomic
    def handle(self, *args, username: str, email: str, password_stdin: bool, **options):
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        user = User.objects.filter(username=username).first()
        if user is not None and not user.is_platform_admin:
            raise CommandError(f"{username} exists and is not a platform admin.")
        candidate = user or User(username=username, email=email)
        try:
            validate_password(password, candidate)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        created = user is None
        user = candidate
        user.is_platform_admin = True
        user.is_staff = True  # may use the Django admin; sees no personal data by default
        if email:
            user.email = email
        user.set_password(password)
        user.save()
        audit.record(
            actor=None,
            action="platform_admin.create" if created else "platform_admin.password",
            obj=user,
        )
        self.stdout.write(f"Platform admin {username} {'created' if created else 'updated'}.")
