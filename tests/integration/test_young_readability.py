"""Every page for 7 to 11 year olds reads at a reading age of 8 or below.

The Flesch-Kincaid grade (textstat) of each page's own words must be 3 or below: a US
grade 3 is a UK reading age of 8. The help box, the Exit this page button and the
reference and secret words are the same on every page and are scored with the rest."""

import re
from html import unescape

import pytest
import textstat

from .test_young import CHILD_COMPLAINT, send_all

READING_AGE_8 = 3.0


def words_of(page: str) -> str:
    main = page.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<ol class="portal-secret-words__list".*?</ol>', " ", main, flags=re.S)
    main = re.sub(r'href="data:[^"]*"', "", main)
    text = unescape(re.sub(r"<[^>]+>", "\n", main))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # Each label, heading and line is a sentence of its own for the formula.
    reference = re.compile(r"[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}\.?")
    kept = [line for line in lines if line and not reference.fullmatch(line)]
    return " ".join(line if line.endswith((".", "?", "!")) else line + "." for line in kept)


def child_pages(client):
    yield "/young", client.get("/young").get_data(as_text=True)
    yield "/young/7-11", client.get("/young/7-11").get_data(as_text=True)
    for purpose in ("sort-it", "feelings", "thank-you", "advocate"):
        yield purpose, client.get(f"/young/7-11/{purpose}").get_data(as_text=True)
    prefix = "/young/7-11/sort-it"
    client.post(f"{prefix}/feeling", data={"feeling": "not_safe"})
    for slug in ("feeling", "safe", "about", "better", "contact", "worker"):
        yield slug, client.get(f"{prefix}/{slug}").get_data(as_text=True)
        empty = client.post(f"{prefix}/{slug}", data={})
        if empty.status_code == 200:
            yield f"{slug} (error)", empty.get_data(as_text=True)
    unsafe = [("feeling", {"feeling": "not_safe"}), ("safe", {"ready": "yes"})]
    yield "sent", send_all(client, prefix, [*unsafe, *CHILD_COMPLAINT[1:]])


@pytest.mark.parametrize("database_templates", ["sqlite"], indirect=True)
def test_the_child_pages_read_at_age_8_or_below(casework_app):
    client = casework_app.test_client()
    texts = {name: words_of(page) for name, page in child_pages(client)}
    assert all(len(text.split()) >= 8 for text in texts.values()), texts  # real words read
    scores = {name: textstat.flesch_kincaid_grade(text) for name, text in texts.items()}
    too_hard = {name: score for name, score in scores.items() if score > READING_AGE_8}
    assert not too_hard, too_hard
