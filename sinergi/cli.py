"""The `sinergi` console command: Django management under Sinergi's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sinergi", *sys.argv[1:]])


if __name__ == "__main__":
    main()
