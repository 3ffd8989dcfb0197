"""Static files go out under names that change with their content, compressed, cached for a
year; the build that makes them, on a folder of its own; and a file under its own name
still works, checked on every use."""

import gzip
import json
import re
from pathlib import Path

import brotli
import pytest
from flask import Flask, url_for

from portal import assets, create_app
from portal.assets.build import build

from ..support.databases import app_config
from .test_headers import Links, assert_security_headers

CHILD_PAGES = ["/young", "/young/7-11", "/young/7-11/sort-it/feeling", "/young/12-plus"]
FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


@pytest.fixture
def app(sqlite_templates):
    return create_app(app_config(sqlite_templates.fresh()))


def static_urls(html: str) -> set[str]:
    parser = Links()
    parser.feed(html)
    return {address for address in parser.addresses if address.startswith("/static/")}


def test_pages_name_only_fingerprinted_files_from_the_build(app):
    manifest = json.loads((assets.BUILD / assets.MANIFEST).read_text())
    built = {f"/static/{name}" for name in manifest.values()}
    client = app.test_client()
    for path in CHILD_PAGES:
        urls = static_urls(client.get(path).get_data(as_text=True))
        assert {"css", "js", "svg"} <= {url.rsplit(".", 1)[1] for url in urls}, path
        assert urls <= built, (path, urls - built)


def test_fingerprinted_files_are_compressed_and_cached_for_a_year(app):
    client = app.test_client()
    urls = set().union(*(static_urls(client.get(path).get_data(as_text=True))
                         for path in CHILD_PAGES))  # fmt: skip
    for url in urls:
        plain = client.get(url)
        assert plain.status_code == 200, url
        assert plain.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        assert_security_headers(url, plain)
        for encoding, decompress in (("gzip", gzip.decompress), ("br", brotli.decompress)):
            response = client.get(url, headers={"Accept-Encoding": encoding})
            assert response.headers["Cache-Control"] == plain.headers["Cache-Control"]
            if url.endswith((".css", ".js")):
                assert response.headers["Content-Encoding"] == encoding, url
                assert response.headers["Vary"] == "Accept-Encoding", url
                assert decompress(response.data) == plain.data, url
                assert len(response.data) < len(plain.data), url


def test_scripts_import_fingerprinted_scripts(app):
    client = app.test_client()
    with app.test_request_context():
        script = client.get(url_for("static", filename="dist/portal.js")).get_data(as_text=True)
    imported = re.search(r'from "\./([^"]+)"', script)[1]
    assert FINGERPRINTED.search(imported), imported
    response = client.get(f"/static/dist/{imported}")
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]


def test_a_file_under_its_own_name_is_still_served_and_checked_on_every_use(app):
    response = app.test_client().get("/static/dist/portal.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert_security_headers("/static/dist/portal.css", response)


def test_without_a_build_every_file_keeps_its_own_name(tmp_path):
    app = Flask(__name__)
    assets.init_app(app, build_folder=tmp_path)
    with app.test_request_context():
        assert url_for("static", filename="dist/portal.css") == "/static/dist/portal.css"


# --- The build ------------------------------------------------------------------------
@pytest.fixture
def static(tmp_path: Path) -> Path:
    """A static folder: a stylesheet showing an image two ways, a script importing
    another, and Sass source that is never served."""
    files = {
        "dist/site.css": "".join(f".a{n}{{background:url(/static/images/logo.svg)}}"
                                 for n in range(40))
        + ".b{mask:url('../images/logo.svg?v=1#shape')}"
        + ".c{background:url(data:image/png;base64,AA)}",
        "dist/app.js": 'import { go } from "./lib.js";\ngo();\n',
        "dist/lib.js": "export function go() {}\n" * 20,
        "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        "js/start.js": "document.body.className = 'js';\n",
        "src/site.scss": ".a { color: red; }\n",
    }  # fmt: skip
    for name, text in files.items():
        (tmp_path / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "static" / name).write_text(text)
    return tmp_path / "static"


def test_the_build_names_each_served_file_by_its_content(static, tmp_path):
    out = tmp_path / "build"
    manifest = build(static, out)
    assert sorted(manifest) == [
        "dist/app.js", "dist/lib.js", "dist/site.css", "images/logo.svg", "js/start.js"
    ]  # fmt: skip
    assert json.loads((out / assets.MANIFEST).read_text()) == manifest
    for name, fingerprinted in manifest.items():
        assert re.sub(r"\.[0-9a-f]{12}(?=\.\w+$)", "", fingerprinted) == name
        assert (out / "static" / fingerprinted).exists()
    css = (out / "static" / manifest["dist/site.css"]).read_text()
    logo = manifest["images/logo.svg"].removeprefix("images/")
    assert f"url(/static/images/{logo})" in css
    assert f"url('../images/{logo}?v=1#shape')" in css
    assert "url(data:image/png;base64,AA)" in css
    app_js = (out / "static" / manifest["dist/app.js"]).read_text()
    assert f'from "./{manifest["dist/lib.js"].removeprefix("dist/")}"' in app_js


def test_the_build_compresses_what_shrinks(static, tmp_path):
    manifest = build(static, tmp_path / "build")
    css = tmp_path / "build" / "static" / manifest["dist/site.css"]
    assert gzip.decompress(Path(f"{css}.gz").read_bytes()) == css.read_bytes()
    assert brotli.decompress(Path(f"{css}.br").read_bytes()) == css.read_bytes()
    tiny = tmp_path / "build" / "static" / manifest["js/start.js"]
    assert not Path(f"{tiny}.gz").exists()  # compressing would not make it smaller


def test_new_content_gets_a_new_name_and_so_does_what_names_it(static, tmp_path):
    out = tmp_path / "build"
    before = build(static, out)
    assert build(static, out) == before  # the same content, the same names
    (static / "images" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" />')
    after = build(static, out)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"images/logo.svg", "dist/site.css"}
    assert (out / "static" / before["dist/site.css"]).exists()  # open pages keep working
    (static / "dist" / "lib.js").write_text("export function go() { return 1; }\n")
    assert {name for name in after if after[name] != build(static, out)[name]} == {
        "dist/lib.js", "dist/app.js"
    }  # fmt: skip


def test_files_that_name_each_other_cannot_be_fingerprinted(static, tmp_path):
    (static / "dist" / "lib.js").write_text('import "./app.js";\n')
    with pytest.raises(ValueError, match="name each other"):
        build(static, tmp_path / "build")
