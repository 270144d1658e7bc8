"""Who is responsible for the edition: its editors, publisher and licence.

It is the edition's statement of responsibility, as a citation gives it:
three typed values in ``conf.py`` (declared in :mod:`edition.config`) say
it, and every output takes them from here: the ``responsibility`` directive
(the landing page, "How to cite"), the citations and exports of the edition
(:mod:`edition.citation.entries`), the PDF's title page and colophon
(:mod:`edition.outputs.book`), the EPUB's ``dc:publisher`` and ``dc:rights``
(:mod:`edition.outputs.epub`: left out while unset, as metadata holds values,
not sentences), the TEI header's ``respStmt``
(:mod:`edition.outputs.tei.header`)::

    edition_editors = ["A. Editor", "B. Editor"]
    edition_publisher = "..."
    edition_licence = "CC BY 4.0, https://creativecommons.org/licenses/by/4.0/"

A value left empty is never filled with made-up text or an invented person:
each output says plainly that it is not named (:func:`statement`), and
``make test`` lists the unset values at its end (tests/conftest.py).

Usage on a page::

    ```{responsibility}
    ```
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

#: value -> (label, what each output says while it is unset)
VALUES = {
    "edition_editors": ("Editors", "The edition's editors are not named in this version."),
    "edition_publisher": ("Publisher", "No publisher is named for this version."),
    "edition_licence": ("Licence", "No licence is stated for this version."),
}


def editors(config: Any) -> list[str]:
    return [name.strip() for name in getattr(config, "edition_editors", ()) or () if name.strip()]


def value(config: Any, name: str) -> str:
    """The value as text ("A and B" for editors), "" when unset."""
    if name == "edition_editors":
        names = editors(config)
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + ", and " + names[-1]
    return (getattr(config, name, "") or "").strip()


def statement(config: Any, name: str) -> str:
    """The value, or the plain sentence that says it is unset."""
    return value(config, name) or VALUES[name][1]


def unset(config: Any) -> list[str]:
    """Names of the responsibility values that conf.py leaves empty."""
    return [name for name in VALUES if not value(config, name)]


class ResponsibilityDirective(SphinxDirective):
    """``responsibility``: editors, publisher and licence of the edition."""

    def run(self) -> list[nodes.Node]:
        fields = nodes.field_list(classes=["responsibility", "editorial"])
        for name, (label, _) in VALUES.items():
            body = nodes.field_body("", nodes.paragraph("", statement(self.config, name)))
            fields += nodes.field("", nodes.field_name("", label), body,
                                  classes=[f"responsibility-{name.removeprefix('edition_')}"])
        self.set_source_info(fields)
        return [fields]


def setup(app: Sphinx) -> None:
    app.add_directive("responsibility", ResponsibilityDirective)
