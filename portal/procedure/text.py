"""Marks English titles for translation without importing any translation machinery.

The procedure package must stay free of Flask, so titles are stored as their English
message ids; the web layer translates them (see ``portal.i18n.title``). Babel's extractor
is told to collect ``N_`` calls (see ``babel.cfg``).
"""


def N_(message: str) -> str:  # noqa: N802 - the conventional name for a no-op gettext marker
    """Return ``message`` unchanged, marking it for extraction into the catalogue."""
    return message
