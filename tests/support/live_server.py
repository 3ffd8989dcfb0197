"""The portal served over real HTTP on a free loopback port, in a background thread."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from werkzeug.serving import make_server


@contextmanager
def serve(app: Callable, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve a WSGI ``app`` (the portal, or a stand-in for another site) until the block
    ends; yield its base URL."""
    server = make_server(host, 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
