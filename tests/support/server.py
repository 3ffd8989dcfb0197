"""The real portal under gunicorn with several worker processes, on a free loopback port,
configured as in production, against a given database. It can be stopped politely or
killed outright (``kill -9`` of the master and every worker) and started again.
"""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from flask import Flask

from portal import create_app

from .databases import UNREACHED_RATE_LIMIT, app_config

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: The settings every instance of one portal must share: sessions, form tokens and secret
#: words made by one instance are checked by another.
KEYS = ("SECRET_KEY", "TRACKER_PEPPER")


def production_settings(port: int) -> dict[str, str]:
    """PORTAL_* variables for a production portal reached at 127.0.0.1:``port``."""
    return {
        "PORTAL_ENVIRONMENT": "production",
        "PORTAL_SECRET_KEY": secrets.token_urlsafe(48),
        "PORTAL_TRACKER_PEPPER": secrets.token_urlsafe(48),
        "PORTAL_DEMO_DATA": "false",
        "PORTAL_PUBLIC_URL": f"http://127.0.0.1:{port}",
        # Every visitor here is 127.0.0.1, one address standing for many people at once;
        # a test of the limit itself sets its own.
        "PORTAL_RATE_LIMIT": UNREACHED_RATE_LIMIT,
    }


class Gunicorn:
    """``gunicorn -w WORKERS --preload wsgi:app`` on loopback (the app is imported once and
    the workers forked from it: it opens no database connection at import). The keys stay
    the same across restarts, so sessions and secret words made before one work after it."""

    def __init__(self, database_url: str, workers: int = 4, **settings: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.environment = {
            **os.environ,
            **production_settings(self.port),
            "PORTAL_DATABASE_URL": database_url,
            **{f"PORTAL_{name}": value for name, value in settings.items()},
        }
        self.log = Path(tempfile.mkstemp(prefix="portal-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def same_portal(self) -> Flask:
        """The same portal in this process (same database and keys), to set up and read rows."""
        keys = {name: self.environment[f"PORTAL_{name}"] for name in KEYS}
        return create_app(app_config(self.environment["PORTAL_DATABASE_URL"], **keys))

    def start(self, ready_within: float = 90) -> "Gunicorn":
        """Start the master and its workers; return once the portal answers."""
        command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers),
                   "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "5",
                   "--timeout", "120", "--preload", "wsgi:app"]  # fmt: skip
        with self.log.open("ab") as log:
            # Its own process group, so one signal reaches the master and every worker.
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.environment, stdout=log, stderr=log,
                start_new_session=True,
            )  # fmt: skip
        self._wait_until_ready(ready_within)
        return self

    def _wait_until_ready(self, within: float) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            if _home_page_status(self.port) == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer in {within} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        """Stop politely (SIGTERM), then outright if it lingers."""
        if self.process is None:
            return
        self._signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.process.wait()
        self.process = None

    def kill(self) -> None:
        """``kill -9`` the master and every worker at once, as a power cut would."""
        if self.process is None:
            return
        self._signal(signal.SIGKILL)
        self.process.wait()
        self.process = None
        # Workers are reaped by no one once the master is gone; wait until none answers.
        while _answers(self.port):
            time.sleep(0.05)

    def _signal(self, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, number)

    def __enter__(self) -> "Gunicorn":
        return self.start()

    def __exit__(self, kind: type | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        self.stop()
        self.log.unlink(missing_ok=True)


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _home_page_status(port: int) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
