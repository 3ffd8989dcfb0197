"""A throwaway Redis server for the test run: started in a temporary folder on a free
loopback port, keeping nothing on disk, and stopped (folder and all) when the run ends."""

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from .postgres import free_port


def _binary() -> str:
    found = shutil.which("redis-server") or ""
    if not found:
        raise RuntimeError("redis-server is not installed: run `make test`.")
    return found


def _wait_until_ready(url: str, process: subprocess.Popen, log: Path, within: float) -> None:
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + within
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"redis-server exited:\n{log.read_text()[-3000:]}")
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
    finally:
        client.close()


@contextmanager
def throwaway_redis(ready_within: float = 30) -> Iterator[str]:
    """Start a server and yield its URL (database 0); stop it and delete its folder after."""
    folder = Path(tempfile.mkdtemp(prefix="portal-redis-"))
    port = free_port()
    log = folder / "log"
    command = [_binary(), "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder),
               "--save", "", "--appendonly", "no"]  # fmt: skip
    with log.open("wb") as output:  # its log goes to standard output
        process = subprocess.Popen(command, stdout=output, stderr=output)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_until_ready(url, process, log, ready_within)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
