"""The edition's configuration values, each typed and documented.

Set them in ``conf.py``; Sphinx checks their types when it starts.
"""

from __future__ import annotations

from sphinx.application import Sphinx

#: name, default, rebuild, types, description
CONFIG_VALUES: tuple[tuple[str, object, str, frozenset[type], str], ...] = (
    (
        "edition_original_language",
        "zh-Hans",
        "env",
        frozenset({str}),
        "BCP 47 tag of the original side of every unit, unless a slot declares its own.",
    ),
    (
        "edition_slot_languages",
        ("zh-Hans", "zh-Hant", "zh"),
        "env",
        frozenset({tuple, list}),
        "Languages a slot may declare; any other is reported.",
    ),
    (
        "edition_original_name",
        "Chinese",
        "env",
        frozenset({str}),
        "Name of the original's language in the edition's prose (coverage notices).",
    ),
    (
        "edition_version",
        "",
        "env",
        frozenset({str}),
        "Version of the edition, printed on the title page, colophon and citations.",
    ),
    (
        "edition_note_on_text",
        "note-on-the-text",
        "env",
        frozenset({str}),
        "Document of the note on the text, summarised in the TEI header (editorialDecl).",
    ),
    (
        "edition_editors",
        (),
        "env",
        frozenset({tuple, list}),
        "Names of the edition's editors (title page, colophon, landing page, citations, "
        "exports, EPUB, TEI); empty: the edition says that none is named.",
    ),
    (
        "edition_publisher",
        "",
        "env",
        frozenset({str}),
        "Publisher of the edition (title page, colophon, citations, exports, EPUB "
        "dc:publisher); empty: the edition says that none is named.",
    ),
    (
        "edition_pdf_url",
        "",
        "html",
        frozenset({str}),
        "Address of the edition's published PDF (citation_pdf_url); left out when empty.",
    ),
    (
        "edition_licence",
        "",
        "env",
        frozenset({str}),
        "Licence under which the edition is published (e.g. its name and URL): title "
        "page, colophon, landing page, exports, EPUB dc:rights; empty: the edition says "
        "that none is stated.",
    ),
)


def setup(app: Sphinx) -> None:
    for name, default, rebuild, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types, description=description)
