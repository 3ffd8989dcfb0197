"""Where one page's time goes: the portal under pyinstrument while wrk asks for the page.

    python bench/profile.py DATABASE_URL PAGE [SECONDS]

PAGE is one of the pages ``bench/http.sh`` measures (home, form_page, tracker, queue,
queue_filtered, case_long_timeline, annual_report), on a database ``bench/seed.py`` filled.
The portal runs configured as in production in one single-threaded server, so the profile
is of requests alone; wrk asks for the page over one connection for SECONDS (10), then the
call tree of those requests (not of the sign-ins before them) is printed. The profiler
slows Python down, so read its shares, not its times.
"""

import os
import secrets
import socket
import subprocess
import sys
import threading
from pathlib import Path

from pyinstrument import Profiler
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def drive(base_url: str, database_url: str, page: str, seconds: int, phases: "Phases") -> None:
    """Sign in as http.sh does, then ask for the page with wrk; say when each part ends."""
    try:
        # Our own scripts and Debian's wrk, with arguments this script made.
        prepared = subprocess.run(  # noqa: S603
            [sys.executable, "bench/http_pages.py", "prepare", base_url, database_url],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        lines = [line.split("|") for line in prepared.splitlines()]
        path, cookie = next((path, cookie) for name, path, cookie in lines if name == page)
        header = ["--header", f"Cookie: {cookie}"] if cookie else []
        wrk = ["wrk", "--threads", "1", "--connections", "1", "--duration",
               f"{seconds}s", "--timeout", "60s", *header, base_url + path]  # fmt: skip
        phases.signed_in.set()
        subprocess.run(wrk, check=True)  # noqa: S603
    finally:
        phases.signed_in.set()
        phases.done.set()


class Phases:
    """The driver's progress: signed in (profiling starts), then done (it stops)."""

    def __init__(self) -> None:
        self.signed_in, self.done = threading.Event(), threading.Event()


def serve_until(server, event: threading.Event) -> None:
    while not event.is_set():
        server.handle_request()  # returns after server.timeout with nothing to do


def main() -> None:
    database_url, page, *rest = sys.argv[1:]
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    app = create_app({
        "ENVIRONMENT": "production", "DEMO_DATA": False, "PUBLIC_URL": base_url,
        "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_urlsafe(48),
        "TRACKER_PEPPER": secrets.token_urlsafe(48), "RATE_LIMIT": "100000 per minute",
    })  # fmt: skip
    server = make_server("127.0.0.1", port, app, threaded=False)
    server.timeout = 0.1
    phases = Phases()
    seconds = int(rest[0]) if rest else 10
    driver = threading.Thread(target=drive, args=(base_url, database_url, page, seconds, phases))
    driver.start()
    serve_until(server, phases.signed_in)  # the sign-ins are not profiled
    with Profiler(interval=0.0005) as profiler:
        serve_until(server, phases.done)
    driver.join()
    print(profiler.output_text(color=os.isatty(1)))


if __name__ == "__main__":
    main()
