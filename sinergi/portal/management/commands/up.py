"""`sinergi up`: migrate, load the reference data (and the demo), then serve."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sinergi.core.apps import SinergiAppConfig

# One access-log line per request: client, request line, status and time taken.
ACCESS_LOG_FORMAT = '%(addr)s "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms'


def server_argv(granian: str, host: str, port: str, workers: int, threads: int = 4) -> list[str]:
    """The production server: Granian serving the WSGI app. HTTP is parsed and slow clients
    are held by its Rust runtime, so a Python thread is busy only while Django works; each of
    `workers` processes runs the app in `threads` threads. The benchmarks start this very
    command line (see docs/deployment.md for why Granian and not gunicorn)."""
    return [
        granian,
        "--interface", "wsgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        "--blocking-threads", str(threads),
        # Keep the app threads (and their database connections) between bursts.
        "--blocking-threads-idle-timeout", "600",
        "--http", "1",
        "--no-ws",
        "--respawn-failed-workers",
        "--workers-kill-timeout", "30",
        "--access-log",
        "--access-log-fmt", ACCESS_LOG_FORMAT,
        "sinergi.wsgi:application",
    ]  # fmt: skip


def alamat_dasar(host: str, port: str, environ=os.environ) -> str | None:
    """The address links in e-mails and invitations should carry when the operator has not set
    `SINERGI_BASE_URL`: the one this command serves at (`make run PORT=8123` must not send
    links to port 8000). None when it is set, or when the server listens on every interface
    (0.0.0.0 is not an address a reader can open: the setting must say which one)."""
    if environ.get("SINERGI_BASE_URL") or host in {"0.0.0.0", "::", ""}:  # noqa: S104
        return None
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Set up and serve Sinergi: apply migrations, collect static files, load reference "
        "data (and the demo with --demo), then serve with Granian."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also load the East Java demo.")
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("SINERGI_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("SINERGI_THREADS", "4")),
            help="Threads per server process.",
        )
        parser.add_argument("--no-serve", action="store_true", help="Set everything up, then exit.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the background task worker (run `sinergi worker` elsewhere).",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        dasar = alamat_dasar(options["host"], str(options["port"]))
        if dasar:  # for this process (the demo's messages) and the server and worker it starts
            os.environ["SINERGI_BASE_URL"] = settings.SINERGI_BASE_URL = dasar
        self.stdout.write("Sinergi: applying migrations…")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        self.collect_static()
        for config in apps.get_app_configs():
            if isinstance(config, SinergiAppConfig):
                config.load_reference(stdout=self.stdout)
        if options["demo"]:
            for config in apps.get_app_configs():
                if isinstance(config, SinergiAppConfig):
                    config.load_demo(stdout=self.stdout)
        if options["no_serve"]:
            return
        self.serve(
            options["host"],
            str(options["port"]),
            options["workers"],
            not options["no_worker"],
            threads=options["threads"],
        )

    def collect_static(self) -> None:
        """Collect static files, skipped when no source file changed since the last run."""
        hasher = hashlib.sha256()
        for finder in finders.get_finders():
            for path, storage in finder.list(["CVS", ".*", "*~"]):
                stat = os.stat(storage.path(path))
                hasher.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        fingerprint = hasher.hexdigest()
        stamp = Path(settings.STATIC_ROOT) / ".sinergi-fingerprint"
        if stamp.exists() and stamp.read_text() == fingerprint:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint)

    def serve(
        self, host: str, port: str, workers: int, worker: bool = True, *, threads: int = 4
    ) -> None:
        granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which(
            "granian"
        )
        if granian is None:
            raise CommandError("granian is not installed; run `make run` to set up the venv.")
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self.stdout.write(f"Sinergi is served at http://{bind}/  (Ctrl+C to stop)")
        self.stdout.flush()
        argv = server_argv(granian, host, port, workers, threads)
        children: list[subprocess.Popen] = []
        if worker:
            # The background task worker runs beside the server and stops with it.
            children.append(
                subprocess.Popen(
                    [sys.executable, "-m", "sinergi.cli", "worker"], start_new_session=True
                )
            )
        server = subprocess.Popen(argv, start_new_session=True)  # noqa: S603
        children.append(server)

        def forward(signum, _frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signum)

        signal.signal(signal.SIGINT, forward)
        signal.signal(signal.SIGTERM, forward)
        code = server.wait()
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(code)
