"""``python -m portal.assets.build``: the fingerprinted, compressed copies of static files.

Every file the portal serves from ``static/`` (the compiled ``dist/``, our ``images/`` and
``js/``; not the Sass in ``src/``) is copied to ``build/static/`` with a hash of its content
in its name (``dist/portal.3f2a1b9c8d7e.css``), the ``url()``s of stylesheets and the
imports of module scripts pointing at the new names too; every copy that shrinks gets a
gzip and a Brotli sibling (``.gz``, ``.br``, by WhiteNoise's compressor); and
``build/manifest.json`` maps each file's own name to its new one.
"""

import hashlib
import json
import posixpath
import re
from pathlib import Path

from whitenoise.compress import Compressor

from ..config import ROOT
from . import BUILD, MANIFEST

#: The folders under static/ whose files the portal serves.
SERVED = ("dist", "images", "js")
#: Where Flask serves static/, as stylesheets name it (``url("/static/…")``).
STATIC_URL = "/static/"
#: Where each kind of file names another: a stylesheet's url(), a module script's import.
_IMPORT = re.compile(r"""(?P<before>\b(?:from|import)\s*\(?\s*["'])(?P<ref>[^"']+)""")
REFERENCES = {
    ".css": re.compile(r"""(?P<before>url\(\s*["']?)(?P<ref>[^"')\s]+)"""),
    ".js": _IMPORT,
    ".mjs": _IMPORT,
}


def build(static: Path, out: Path) -> dict[str, str]:
    """Write the fingerprinted, compressed copies of ``static``'s served files under
    ``out/static`` and the manifest at ``out/manifest.json``; return the manifest.

    Earlier builds' files stay, so a page already open in a browser keeps its styles
    while a new release rolls out."""
    sources = {
        path.relative_to(static).as_posix(): path
        for folder in SERVED
        for path in sorted((static / folder).rglob("*"))
        if path.is_file()
    }
    fingerprints = _Fingerprints(sources, out / "static")
    manifest = {name: fingerprints.name_of(name) for name in sources}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


class _Fingerprints:
    """Each source file's new name, written on first asking; a file that names others is
    written after them, with their new names in it, so a new image gives the stylesheet
    that shows it a new name too."""

    def __init__(self, sources: dict[str, Path], root: Path) -> None:
        self.sources = sources
        self.root = root
        self.names: dict[str, str] = {}
        self.compressor = Compressor(quiet=True)

    def name_of(self, name: str, seen: tuple[str, ...] = ()) -> str:
        if name in seen:
            raise ValueError(f"{' → '.join((*seen, name))}: files that name each other")
        if name not in self.names:
            data = self._rewritten(name, (*seen, name))
            self.names[name] = _write(self.root, name, data, self.compressor)
        return self.names[name]

    def _rewritten(self, name: str, seen: tuple[str, ...]) -> bytes:
        data = self.sources[name].read_bytes()
        pattern = REFERENCES.get(posixpath.splitext(name)[1])
        if pattern is None:
            return data

        def renamed(match: re.Match[str]) -> str:
            target = _target(match["ref"], name)
            if target not in self.sources:  # another site, data:, or a file we do not serve
                return match[0]
            return match["before"] + _renamed(match["ref"], self.name_of(target, seen))

        return pattern.sub(renamed, data.decode()).encode()


def _path(reference: str) -> str:
    """A reference without its query string or fragment."""
    return re.split(r"[?#]", reference, maxsplit=1)[0]


def _target(reference: str, referrer: str) -> str:
    """The file under static/ that ``reference`` in ``referrer`` names ("" if none)."""
    path = _path(reference)
    if path.startswith(STATIC_URL):
        return path.removeprefix(STATIC_URL)
    if not path or ":" in path or path.startswith("/"):
        return ""
    return posixpath.normpath(posixpath.join(posixpath.dirname(referrer), path))


def _renamed(reference: str, fingerprinted: str) -> str:
    """``reference`` with its file's name changed to the fingerprinted one, written the
    same way (relative or from /static/) and keeping any query string or fragment."""
    path = _path(reference)
    directory = path.removesuffix(posixpath.basename(path))
    return directory + posixpath.basename(fingerprinted) + reference[len(path) :]


def _write(root: Path, name: str, data: bytes, compressor: Compressor) -> str:
    """Write ``data`` as ``name`` with its hash before the extension, and its compressed
    copies where they are smaller; return the new name."""
    stem, extension = posixpath.splitext(name)
    fingerprinted = f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}{extension}"
    path = root / fingerprinted
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if compressor.should_compress(path.name):
        compressor.compress(str(path))
    return fingerprinted


if __name__ == "__main__":
    build(ROOT / "static", BUILD)
