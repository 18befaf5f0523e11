#!/usr/bin/env python
"""Django's command-line utility; `sinergi` is the same thing, installed on PATH."""

from sinergi.cli import main

if __name__ == "__main__":
    main()
