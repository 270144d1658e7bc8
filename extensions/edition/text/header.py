"""The document's header: its title and the metadata block under it.

The ``document`` mapping of an edited document's front matter (see
:mod:`edition.model.metadata` for the fields and their checks) is read here
as YAML gave it, and kept in the ``edition`` domain. The title becomes the
page's heading; the other facts a reader needs (date, author, recipients,
translators, original language, archive and record, summary, credits) are
the header block under it, in every output. Front matter that is not valid
YAML is reported with the line to fix (MyST only says "Malformed YAML" and
drops every field).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..diagnostics import Kind, warn
from ..model.domain import get_domain
from ..model.metadata import DocumentMeta, format_date, join_names, parse_metadata
from ..nodes import document_header
from ..util import PASS, YAML_LOADER

#: what the header block shows, in order: field -> label
HEADER_FIELDS = (
    ("date", "Date"),
    ("author", "From"),
    ("recipients", "To"),
    ("translators", "Translated by"),
    ("original-language", "Original language"),
    ("archive", "Archive"),
    ("summary", "Summary"),
    ("credits", "Credits"),
)


def field_value(key: str, value: Any) -> nodes.Node:
    if key == "date":
        return nodes.paragraph("", "", nodes.Text(format_date(value)))
    if key == "archive":
        return nodes.paragraph("", "", nodes.Text(value))
    if isinstance(value, tuple):
        return nodes.paragraph("", "", nodes.Text(join_names(value)))
    return nodes.paragraph("", "", nodes.Text(value))


def build_header(meta: DocumentMeta) -> document_header:
    header = document_header(classes=["document-header", "editorial"])
    fields = nodes.field_list(classes=["document-metadata"])
    for key, label in HEADER_FIELDS:
        if not meta.value(key):
            continue
        body = nodes.field_body("", field_value(key, meta.value(key)))
        if key == "archive" and meta.record:
            para = body[0]
            para += nodes.Text(", record ")
            record = nodes.Text(meta.record)
            if meta.url:
                para += nodes.reference("", "", record, refuri=meta.url)
            else:
                para += record
        fields += nodes.field("", nodes.field_name("", label), body, classes=[f"field-{key}"])
    header += fields
    return header


class DocumentMetadataTransform(SphinxTransform):
    """Read the ``document`` front matter, title the page, insert the header."""

    default_priority = 345  # after docutils has turned front matter into docinfo (340)

    def apply(self, **kwargs: Any) -> None:
        # The front matter as YAML gave it (see read_front_matter), not as MyST
        # rendered it: MyST renders front matter fields as Markdown, which
        # would eat a backslash or an asterisk of a title.
        if FRONT_MATTER_KEY not in self.env.temp_data:
            return
        raw = self.env.temp_data.pop(FRONT_MATTER_KEY)
        source = self.document["source"]
        meta = parse_metadata(raw, source, self.env.docname)
        if meta is None:
            return
        get_domain(self.env).documents[self.env.docname] = meta
        title = meta.title or self.env.docname
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            section = nodes.section()
            section["names"].append(nodes.fully_normalize_name(title))
            section["ids"].append("document")
            section += nodes.title("", title)
            for child in list(self.document.children):
                if not isinstance(child, nodes.docinfo):
                    self.document.remove(child)
                    section += child
            self.document += section
        section.insert(1, build_header(meta))


FRONT_MATTER_KEY = "edition_front_matter"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


def bad_scalar_line(text: str) -> int:
    """0-based line of the first scalar that YAML parses but cannot construct."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        stack = [root] if root is not None else []
        while stack:
            node = stack.pop(0)
            if isinstance(node, yaml.MappingNode):
                stack[:0] = [v for pair in node.value for v in pair]
            elif isinstance(node, yaml.SequenceNode):
                stack[:0] = list(node.value)
            else:
                try:
                    loader.construct_object(node, deep=True)
                except ValueError:
                    return node.start_mark.line
    finally:
        loader.dispose()
    return 0


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """Keep the document's ``document`` mapping for the metadata transform,
    or say where and why front matter is not YAML (MyST only says "Malformed
    YAML" and then drops every field of it)."""
    match = FRONT_MATTER.match(source[0])
    if not match:
        return
    try:
        data = yaml.load(match.group(1), Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    except ValueError as error:
        # YAML took the value for a date (YYYY-MM-DD) and it is no real date
        line, problem = bad_scalar_line(match.group(1)) + 2, str(error)
    else:
        if isinstance(data, dict) and "document" in data:
            app.env.temp_data[FRONT_MATTER_KEY] = data["document"]
        return
    warn(Kind.metadata, "front matter is not valid YAML (%s): fix this line; until "
         "then the document has no metadata (a date must be a real date written "
         "YYYY-MM-DD; quote text that holds ':', '#' or quotation marks)",
         problem, location=(docname, line))


# --- HTML: a compact header block [page, issue 14] ----------------------------
#
# On the web page the header block is one line: a native <details> whose
# summary gives the date and the translators, and which opens onto every
# field, the data downloads and the way to the citation forms. The text then
# starts on the first screen (at 1280x800 and on a 390x844 phone) instead of
# under a screenful of metadata. <details> works without JavaScript and is
# announced as a disclosure by screen readers. sphinx-design's dropdown is the
# same element with a card frame and an inline SVG chevron around it: neither
# serves a block that should read as a quiet line, so the plain element it is.
# After the block come the reader controls, with the one control that needs
# no script: "Names" (see mentions.css); the scripts of the reading modes add
# theirs to the same group. EPUB keeps the open block (no reading system
# needs to know <details>) and has no controls.

#: the fields the closed block's one line shows, in this order
BRIEF_FIELDS = ("date", "translators")


def header_brief(node: document_header) -> str:
    """"24 January 1957 · translated by A and B", from the header's own fields."""
    values = {}
    for field in node.findall(nodes.field):
        for key in BRIEF_FIELDS:
            if f"field-{key}" in field["classes"]:
                values[key] = field[1].astext().strip()
    parts = [values.get("date", "")]
    if values.get("translators"):
        parts.append(f"translated by {values['translators']}")
    return " · ".join(p for p in parts if p)


def on_web_page(self: Any) -> bool:
    return not getattr(self.builder, "name", "").startswith("epub")


def visit_header_html(self: Any, node: document_header) -> None:
    self.body.append(self.starttag(node, "header"))
    if on_web_page(self):
        brief = header_brief(node)
        self.body.append(
            '<details class="document-details">\n<summary>'
            '<span class="document-details-label">About this document</span>'
            + (f' <span class="document-brief">{self.encode(brief)}</span>' if brief else "")
            + "</summary>\n")


def depart_header_html(self: Any, node: document_header) -> None:
    if not on_web_page(self):
        self.body.append("</header>\n")
        return
    if any("cite-this" in n["ids"] for n in self.document.findall(nodes.container)):
        self.body.append('<p class="document-cite"><a href="#cite-this">How to cite this '
                         'document</a> (Chicago, BibTeX, RIS, CSL-JSON)</p>\n')
    self.body.append("</details>\n</header>\n")
    if any("mention" in n["classes"] for n in self.document.findall(nodes.Element)):
        # the group the reading modes' scripts look for (and else make)
        self.body.append(
            '<div class="reader-controls editorial" role="group" aria-label="Reading options">'
            '<label class="reader-toggle names-toggle" title="Underline every name that '
            'links to its register entry"><input type="checkbox" id="names-shown">Names'
            '</label></div>\n')


def visit_header_latex(self: Any, node: document_header) -> None:
    self.body.append("\n\\begin{edheader}\n")


def depart_header_latex(self: Any, node: document_header) -> None:
    self.body.append("\\end{edheader}\n")


def setup(app: Sphinx) -> None:
    app.add_node(
        document_header,
        html=(visit_header_html, depart_header_html),
        latex=(visit_header_latex, depart_header_latex),
        text=PASS,
    )
    app.add_transform(DocumentMetadataTransform)
    app.connect("source-read", read_front_matter)
