"""pytest plugin: a real Chromium driven by Playwright, for the flows a person clicks through.

Loaded for every test run through `-p sinergi.core.testing.browser` in pyproject.toml. Tests use
the `halaman` fixture (a Playwright page whose relative URLs go to pytest-django's live server).
"""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("SINERGI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


# With SQLite's in-memory test database every thread shares one connection (Django's live
# server passes it to its request threads), and Django asks that no two threads query through
# it at once: two requests at the same moment, such as a page and the service worker's own
# fetch in the background, deadlock on it. The live server therefore lets one request at a time
# into Django (connections are still accepted in parallel; a static file holds the lock only
# while it is opened, its content is sent after); a test that reads the database while the
# browser may still be sending takes the same lock (`KUNCI_DB`). On PostgreSQL each thread has
# its own connection and nothing waits.
KUNCI_DB = threading.Lock()


class _ServerUji(ThreadedWSGIServer):
    def set_app(self, app):
        from django.db import connection

        if connection.vendor != "sqlite":
            return super().set_app(app)

        def bergiliran(environ, start_response):
            with KUNCI_DB:
                return app(environ, start_response)

        return super().set_app(bergiliran)


LiveServerThread.server_class = _ServerUji


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
    # the test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def halaman(chromium, live_server):
    """A fresh browser page (phone-sized, Indonesian) pointed at the live server."""
    context = chromium.new_context(
        base_url=live_server.url,
        locale="id-ID",
        viewport={"width": 390, "height": 844},
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def masuk_sebagai(halaman):
    """Log a user in through the real login form: `masuk_sebagai(user, password)`."""

    def login(user, password: str) -> None:
        halaman.goto("/akun/masuk/")
        halaman.fill("#id_username", user.email)
        halaman.fill("#id_password", password)
        halaman.click("form.stack button[type=submit]")
        halaman.wait_for_load_state()

    return login
