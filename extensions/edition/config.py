"""The edition's configuration values: one typed table, with a help text each.

Set them in ``conf.py``; Sphinx checks their types when it starts. Every
``edition_*`` value of every module is declared here, in :data:`CONFIG_VALUES`,
and nowhere else; so are the EPUB's accessibility settings (``epub_access*``,
``epub_page_break_source``), named like Sphinx's own EPUB settings they join.
The ``edition-config`` directive writes the table into the editors' guide
(``source/editors-guide.md``), so the reference a reader sees is the table the
build uses::

    ```{edition-config}
    ```
"""

from __future__ import annotations

from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class ConfigValue(NamedTuple):
    """One configuration value of the edition."""

    #: the name to set in ``conf.py``
    name: str
    #: its value when ``conf.py`` does not set it
    default: Any
    #: what a change makes Sphinx redo: ``"env"`` (read every page again),
    #: ``"html"`` or ``"epub"`` (write that output again)
    rebuild: str
    #: the types Sphinx accepts
    types: frozenset[type]
    #: what it does, for the editors' guide
    help: str


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "edition_original_language", "zh-Hans", "env", frozenset({str}),
        "BCP 47 tag of the original side of every unit, unless a slot declares its own."),
    ConfigValue(
        "edition_slot_languages", ("zh-Hans", "zh-Hant", "zh"), "env",
        frozenset({tuple, list}),
        "Languages a slot may declare; any other is reported."),
    ConfigValue(
        "edition_original_name", "Chinese", "env", frozenset({str}),
        "Name of the original's language in the edition's prose (coverage notices)."),
    ConfigValue(
        "edition_version", "", "env", frozenset({str}),
        "Version of the edition, printed on the title page, colophon and citations."),
    ConfigValue(
        "edition_note_on_text", "note-on-the-text", "env", frozenset({str}),
        "Document of the note on the text, summarised in the TEI header (editorialDecl)."),
    ConfigValue(
        "edition_editors", (), "env", frozenset({tuple, list}),
        "Names of the edition's editors (title page, colophon, landing page, citations, "
        "exports, EPUB, TEI); empty: the edition says that none is named."),
    ConfigValue(
        "edition_publisher", "", "env", frozenset({str}),
        "Publisher of the edition (title page, colophon, citations, exports, EPUB "
        "dc:publisher); empty: the edition says that none is named."),
    ConfigValue(
        "edition_pdf_url", "", "html", frozenset({str}),
        "Address of the edition's published PDF (citation_pdf_url); left out when empty."),
    ConfigValue(
        "edition_licence", "", "env", frozenset({str}),
        "Licence under which the edition is published (e.g. its name and URL): title "
        "page, colophon, landing page, exports, EPUB dc:rights; empty: the edition says "
        "that none is stated."),
    ConfigValue(
        "edition_allow_raw_html", False, "env", frozenset({bool}),
        "Let raw HTML in sources through (off: shown as text)."),
    ConfigValue(
        "edition_entities_file", "entities.yaml", "env", frozenset({str}),
        "The registers' data file, relative to the source folder."),
    ConfigValue(
        "edition_indexed_kinds", ("person",), "env", frozenset({tuple, list}),
        "Entity kinds whose mentions go into the index (the PDF's index of persons)."),
    ConfigValue(
        "edition_typographic_quotes", True, "env", frozenset({bool}),
        "Set the witness's straight quotation marks and apostrophes as typographic ones "
        "in the reading outputs (HTML, EPUB, PDF); the data exports keep them straight "
        "(text/typography.py)."),
    ConfigValue(
        "edition_book_exclude", (), "env", frozenset({tuple, list}),
        "Documents (names or glob patterns) that the web edition holds but the printed "
        "book leaves out, e.g. the editors' guide; a book that starts at one of them "
        "keeps them (outputs/book.py)."),
    # The EPUB's accessibility metadata (EPUB Accessibility 1.1), written by
    # edition.outputs.epub. Named epub_* beside Sphinx's own EPUB settings.
    ConfigValue(
        "epub_access_modes", None, "epub", frozenset({tuple, list, type(None)}),
        "schema:accessMode of the EPUB. None: derived from the pages (textual; "
        "visual as well when a page shows an image)."),
    ConfigValue(
        "epub_access_modes_sufficient", None, "epub", frozenset({tuple, list, type(None)}),
        "schema:accessModeSufficient, each a tuple of modes. None: derived from the "
        "pages (textual alone when every image has a text alternative)."),
    ConfigValue(
        "epub_accessibility_features", None, "epub", frozenset({tuple, list, type(None)}),
        "schema:accessibilityFeature values. None: derived from the pages (structural "
        "navigation, table of contents, reading order, ARIA, alternative text and "
        "long descriptions when true of every image, page navigation when the pages "
        "carry page breaks)."),
    ConfigValue(
        "epub_accessibility_hazards", ("none",), "epub", frozenset({tuple, list}),
        "schema:accessibilityHazard values (flashing, motion simulation, sound; "
        "'none' when there is none: the edition has no animation, sound or video, "
        "which tests/test_epub.py checks)."),
    ConfigValue(
        "epub_accessibility_summary", "", "epub", frozenset({str}),
        "schema:accessibilitySummary in plain words. Empty: written from what the "
        "pages contain."),
    ConfigValue(
        "epub_accessibility_conformance", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
        "epub", frozenset({str}),
        "dcterms:conformsTo: the standard the EPUB is claimed to meet. The test "
        "suite checks the claim with DAISY Ace and epubcheck; empty: no claim."),
    ConfigValue(
        "epub_page_break_source", "", "epub", frozenset({str}),
        "pageBreakSource: the printed edition whose page breaks the page list "
        "gives (written only when the pages carry page breaks). Empty: the source of "
        "the documents with page breaks, as their {pb} marks cite it (\"Shi 1993\")."),
    ConfigValue(
        "epub_accessibility_certifier", "", "epub", frozenset({str}),
        "a11y:certifiedBy: the party that evaluated the EPUB for the conformance "
        "claim. Empty: no one has; the field is left out rather than filled with a "
        "name that did not evaluate it."),
)


def type_names(types: frozenset[type]) -> str:
    """``frozenset({tuple, list})`` -> ``list or tuple``."""
    return " or ".join(sorted(t.__name__ for t in types))


class EditionConfigDirective(SphinxDirective):
    """``edition-config``: the table of every configuration value of the edition.

    Two columns: the setting (its name, then its type and default) and what
    it does. Four columns would not fit a printed page: a name cannot break
    inside its monospaced type, and LaTeX would cut it.
    """

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["edition-config", "colwidths-given"])
        group = nodes.tgroup(cols=2)
        table += group
        # characters of the text output; the shares of the width in HTML and LaTeX
        for width in (50, 50):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += row([nodes.paragraph("", "Setting: type, default")],
                    [nodes.paragraph("", "What it does")])
        group += head
        body = nodes.tbody()
        for value in CONFIG_VALUES:
            setting = [
                nodes.paragraph("", "", nodes.literal("", value.name)),
                nodes.paragraph("", "", nodes.Text(f"{type_names(value.types)}, default "),
                                nodes.literal("", repr(value.default))),
            ]
            body += row(setting, [nodes.paragraph("", value.help)])
        group += body
        self.set_source_info(table)
        return [table]


def row(*cells: list[nodes.Node]) -> nodes.row:
    out = nodes.row()
    for content in cells:
        out += nodes.entry("", *content)
    return out


def setup(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types,
                             description=value.help)
    app.add_directive("edition-config", EditionConfigDirective)
