"""A throwaway PostgreSQL cluster for the test run: started in a temporary folder on a
free loopback port, and stopped (folder and all) when the run ends."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SUPERUSER = "postgres"


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: run `make test`.")
    return found[-1]


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_cluster_owner(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root, so root runs it as the postgres system user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a cluster and yield its SQLAlchemy URL; stop and delete it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    subprocess.run(
        _as_cluster_owner(
            [_binary("initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"]
        ),
        **quiet,
    )
    # Durability is pointless for a cluster that is deleted at the end: trade it for speed.
    options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c full_page_writes=off"
    subprocess.run(
        _as_cluster_owner(
            [
                _binary("pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        **quiet,
    )
    try:
        yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_cluster_owner([_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            **quiet,
        )
        shutil.rmtree(folder, ignore_errors=True)
