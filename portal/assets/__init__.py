"""Static files under names that change with their content, compressed, cached for a year.

``build`` (``make assets`` runs it) copies every file the portal serves to ``build/static/``
with a hash of its content in its name, and compressed copies, and writes a manifest of
the new names. Here the portal answers ``url_for('static', filename=…)`` with the new name,
and WhiteNoise serves those files, gzip or Brotli when the browser accepts it, for a year
and ``immutable``: new content has a new name, so a browser never has to ask again. Any
other file under ``static/`` is still served by Flask under its own name, checked on
every use.
"""

import json
from pathlib import Path
from typing import Any
from wsgiref.headers import Headers

from flask import Flask
from whitenoise import WhiteNoise

from ..config import ROOT
from ..security import security_headers

BUILD = ROOT / "build"
MANIFEST = "manifest.json"
#: A fingerprinted file never changes, so browsers and proxies may keep it for a year.
IMMUTABLE = "public, max-age=31536000, immutable"


def init_app(app: Flask, build_folder: Path = BUILD) -> None:
    """Serve the built files, and give their new names to ``url_for('static', …)``.

    Without a build (``make assets`` not run) every file keeps its own name."""
    manifest_path = build_folder / MANIFEST
    if not manifest_path.exists():
        return
    manifest: dict[str, str] = json.loads(manifest_path.read_text())

    @app.url_defaults
    def _fingerprinted(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and values.get("filename") in manifest:
            values["filename"] = manifest[values["filename"]]

    headers = security_headers(app) | {"Cache-Control": IMMUTABLE}

    def add_headers(response_headers: Headers, path: str, url: str) -> None:
        for name, value in headers.items():
            response_headers[name] = value

    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=build_folder / "static",
        prefix=app.static_url_path,
        allow_all_origins=False,
        add_headers_function=add_headers,
    )
