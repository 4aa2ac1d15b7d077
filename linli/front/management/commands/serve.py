"""`linli serve`: run Linli the way it runs in production, on this machine.

Collects static files (whitenoise serves them from var/static), then hands the
process over to gunicorn. `--dev` uses Django's auto-reloading runserver instead.
"""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers(cpus: int | None) -> int:
    """Gunicorn's rule of thumb (2 × cores + 1), capped: every worker holds its
    own database connections, and one community's traffic never needs more."""
    return min(2 * (cpus or 1) + 1, 9)


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "linli.wsgi:application",
        f"--bind={host}:{port}",
        f"--workers={workers}",
        # A roster import of a few thousand rows takes longer than the default 30 s.
        "--timeout=120",
        # Recycle workers now and then so a slow leak never takes the site down.
        "--max-requests=2000",
        "--max-requests-jitter=200",
        "--access-logfile=-",
        # Several servers may share a machine; the default socket path in ~ would clash.
        "--no-control-socket",
    ]


class Command(BaseCommand):
    help = "Serve Linli with gunicorn on 127.0.0.1:$PORT (8000 by default)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("LINLI_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=None, help="default: $PORT or 8000")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="gunicorn worker processes; default: $WEB_CONCURRENCY or 2 × cores + 1",
        )
        parser.add_argument(
            "--dev",
            "--reload",
            action="store_true",
            dest="dev",
            help="Django's runserver, reloading on code changes (development only)",
        )

    def handle(self, *args, host, port, workers, dev, **options):
        port = port or self.port_from_env()
        if dev:
            call_command("runserver", f"{host}:{port}")
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        workers = workers or int(os.environ.get("WEB_CONCURRENCY") or 0)
        workers = workers or default_workers(os.cpu_count())
        self.stdout.write(f"Linli on http://{host}:{port}/ (gunicorn, workers: {workers})")
        sys.stdout.flush()
        argv = gunicorn_argv(host, port, workers)
        # Replace this process so Ctrl-C and a supervisor's signals reach gunicorn directly.
        os.execv(argv[0], argv)

    @staticmethod
    def port_from_env() -> int:
        raw = os.environ.get("PORT", "8000")
        try:
            port = int(raw)
        except ValueError:
            raise CommandError(f"PORT={raw!r} is not a port number") from None
        if not 0 < port < 65536:
            raise CommandError(f"PORT={raw!r} is not a port number (1–65535)")
        return port
