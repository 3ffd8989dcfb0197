"""Every language catalogue compiles, and every translation keeps its placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from portal.cli import extract_arguments

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _read(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def test_there_is_a_catalogue_besides_english():
    assert CATALOGUES, "no translations/<locale>/LC_MESSAGES/messages.po found"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_compiles(path, tmp_path):
    catalogue = _read(path)
    with (tmp_path / "messages.mo").open("wb") as file:
        write_mo(file, catalogue)
    assert not list(catalogue.check()), "pybabel reports errors in the catalogue"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_translations_keep_their_placeholders(path):
    for message in _read(path):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in filter(None, strings):
            assert sorted(PLACEHOLDER.findall(string)) == expected, message.id


def test_the_template_lists_every_message_in_the_code():
    template = _read(TRANSLATIONS / "messages.pot")
    assert "Skip to main content" in template
    assert "Stage 1: local resolution" in template  # enum titles marked with N_


def test_the_template_is_up_to_date(tmp_path):
    """Run `flask translate extract` after adding or changing any user-facing text."""
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", *extract_arguments(fresh)])
    committed = {message.id for message in _read(TRANSLATIONS / "messages.pot")}
    assert {message.id for message in _read(fresh)} == committed


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_every_message_is_translated_and_none_is_fuzzy(path):
    """Run `flask translate update`, then translate what it adds, before committing."""
    template = {message.id for message in _read(TRANSLATIONS / "messages.pot") if message.id}
    catalogue = [message for message in _read(path) if message.id]
    assert template <= {message.id for message in catalogue}, "run `flask translate update`"
    untranslated = [
        message.id
        for message in catalogue
        if message.fuzzy
        or not all(message.string if isinstance(message.string, tuple) else [message.string])
    ]
    assert untranslated == []
