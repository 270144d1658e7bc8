"""Read the text flow of the edition's document in a built EPUB.

The EPUB's pages are XHTML written by the same ``html`` visitors as the web
pages, so :mod:`html_text` strips exactly the same editorial additions; only
the container differs: the page is read from inside the ``.epub`` file (the
artifact a reader gets, not the build folder), and its text sits in
``div[role=main]`` instead of ``<main>``.
"""

from __future__ import annotations

from pathlib import Path
from zipfile import ZipFile

from lxml import html as lxml_html

from html_text import main_text
from witness import Text


def epub_file(outdir: Path) -> Path:
    """The one ``.epub`` file of an EPUB build folder."""
    (path,) = sorted(outdir.glob("*.epub"))
    return path


def page(epub: Path, name: str) -> bytes:
    """The bytes of one page (``name``, e.g. ``117033.xhtml``) inside the EPUB."""
    with ZipFile(epub) as archive:
        return archive.read(name)


def document_text(epub: Path, name: str) -> Text:
    # lxml's HTML parser reads XHTML too, with plain (unprefixed) tag names,
    # which is what html_text's XPath expects.
    tree = lxml_html.document_fromstring(page(epub, name))
    main = tree.find(".//div[@role='main']")
    assert main is not None, f"{name} in {epub.name} has no div[role=main]"
    return main_text(main)


def page_units(epub: Path, name: str):
    """(paragraphs, notes) of the document inside the EPUB (html_text.units)."""
    from html_text import units

    return units(lxml_html.document_fromstring(page(epub, name)))
