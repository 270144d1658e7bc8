"""TEI and data exports: the ``tei`` builder, and the exports of an HTML build.

``make tei`` (the ``tei`` builder) writes, for every edited document (one
whose front matter holds ``document`` metadata), into ``_build/tei/``:

* ``<docname>.xml``: a TEI P5 file (:mod:`~edition.outputs.tei.header`,
  :mod:`~edition.outputs.tei.writer`). The header comes from the document's
  metadata, ``bib/`` (through sphinxcontrib-bibtex's pybtex data) and the
  note on the text;
* ``<docname>.json`` and ``<docname>.txt``: the aligned units
  (:mod:`~edition.outputs.tei.reader`).

An HTML build writes the same three files into ``_exports/`` of its output
and links them from the document page, in a block of class ``editorial``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from weakref import WeakKeyDictionary
from typing import Any

from docutils import nodes
from lxml import etree
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.osutil import ensuredir, relative_uri

from ...citation import responsibility
from ...model.domain import get_domain
from ...nodes import document_header
from ...text.typography import educate_translated
from ...util import TRANSLATED_BY_EDITION, before_translation
from .header import Context
from .mapping import RegisterEntry, tei
from .reader import json_export, text_export, unit_records
from .writer import TeiWriter

logger = logging.getLogger(__name__)

#: where an HTML build puts the exports (a folder Sphinx itself never uses)
HTML_EXPORTS = "_exports"
#: the files :func:`write_exports` writes for a document, in its order
EXPORT_SUFFIXES = (".xml", ".json", ".txt")


def register_lookup(env: Any) -> Callable[[str, str], RegisterEntry | None] | None:
    """Names of an entity in every script, from the registers, if the project has them.

    The registers (the ``entity`` domain of ``edition.entities.mentions``) hold per key
    a ``standard`` form, the forms the text uses (``spelled``), names in
    original scripts (``original``: language, name) and an
    ``identification``. Read by attribute, so that this module needs nothing
    else of that one. Without registers, list entries hold the spellings met
    in the text.
    """
    entities = getattr(env.domains.get("entity"), "entities", None)
    if not isinstance(entities, dict):
        return None

    def lookup(kind: str, key: str) -> RegisterEntry | None:
        entity = entities.get(key)
        if entity is None:
            return None
        names: list[tuple[str | None, str | None, str]] = []
        standard = getattr(entity, "standard", "")
        if standard:
            names.append(("standard", None, standard))
        for spelling in getattr(entity, "spelled", ()):
            if spelling != standard:
                names.append(("spelled", None, spelling))
        for lang, name in getattr(entity, "original", ()):
            names.append(("original", lang, name))
        return RegisterEntry(tuple(names), getattr(entity, "identification", "") or "")

    return lookup


#: per builder: the note on the text, resolved once for every document's header
_note_on_text: WeakKeyDictionary[Builder, nodes.document | None] = WeakKeyDictionary()


def resolved_note_on_text(builder: Builder) -> nodes.document | None:
    """The note on the text, resolved as the page shows it (citations and
    links in their final form). Every document's TEI header quotes it: it is
    resolved once per build, not once per document (resolving runs every
    post-transform and doctree-resolved handler of that page again)."""
    if builder not in _note_on_text:
        env = builder.env
        note_doc = env.config.edition_note_on_text
        note = env.get_and_resolve_doctree(note_doc, builder) \
            if note_doc in env.found_docs else None
        if note is not None and builder.name in TRANSLATED_BY_EDITION:
            # as its page shows it: with typographic quotes where the
            # page has them (set as a page is translated, text/typography.py)
            educate_translated(builder, note_doc, note)
        _note_on_text[builder] = note
    return _note_on_text[builder]


def make_context(builder: Builder, docname: str, note_uri: str) -> Context:
    env = builder.env
    config = env.config
    # bib/ as sphinxcontrib-bibtex read it with pybtex (no second parser, no
    # retyping); without that extension the header uses the metadata alone
    cite = env.domains.get("cite")
    bib = dict(cite.bibdata.data.entries) if cite is not None else {}
    citation_keys = {c.citation_id: c.key for c in cite.citations} if cite is not None else {}
    note = resolved_note_on_text(builder)
    return Context(
        docname=docname,
        meta=get_domain(env).documents[docname],
        project=config.project,
        editors=tuple(responsibility.editors(config)),
        version=config.edition_version or config.version,
        original_lang=config.edition_original_language,
        original_name=config.edition_original_name,
        bib=bib,
        citation_keys=citation_keys,
        note_on_text=note,
        note_on_text_uri=note_uri if note is not None else "",
        register=register_lookup(env),
        transcription=env.domains.get("transcription"),
    )


SENTENCE = tei("s")


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent the tree as libxml2's pretty printing does (only elements that
    hold no text at all), except around sentences: a paragraph of Chinese
    cut into ``<s>`` has no text between its sentences, and a line break
    there would put a space between them for every reader."""
    children = list(element)
    if not children or element.text or any(child.tail for child in children) or \
            any(child.tag == SENTENCE for child in children):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        indent(child, level + 1)
        child.tail = inner
    children[-1].tail = "\n" + "  " * level


def write_exports(builder: Builder, docname: str, doctree: nodes.document, outdir: Path,
                  note_uri: str) -> list[Path]:
    """Write the TEI, JSON and text exports of one document into *outdir*."""
    context = make_context(builder, docname, note_uri)
    writer = TeiWriter(doctree, context)
    root = writer.write()
    for name in sorted(writer.unmapped):
        logger.info("tei: %s has no TEI mapping; written as its text (add it to "
                    "TEI_MAPPING in edition/outputs/tei/mapping.py)", name)
    records = unit_records(root)
    base = outdir / docname
    ensuredir(base.parent)
    paths = [base.parent / f"{base.name}{suffix}" for suffix in EXPORT_SUFFIXES]
    indent(root)
    paths[0].write_bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n")
    version = context.version
    paths[1].write_text(json_export(context.meta, docname, version, records), encoding="utf-8")
    paths[2].write_text(text_export(context.meta, docname, version, records), encoding="utf-8")
    return paths


class TeiBuilder(Builder):
    """Writes a TEI P5 file, with JSON and text exports, per edited document."""

    name = "tei"
    format = "tei"
    epilog = "The TEI files and data exports are in %(outdir)s."
    allow_parallel = False  # three small files per document: not worth a process

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> set[str]:
        return set(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}.xml"

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if docname not in get_domain(self.env).documents:
            return
        # the TEI file links the note on the text where the HTML edition is published
        base = self.config.html_baseurl
        note = f"{base.rstrip('/')}/{self.config.edition_note_on_text}.html" if base else ""
        write_exports(self, docname, doctree, Path(self.outdir), note)

    def finish(self) -> None:
        pass


def exported(builder: Builder, docname: str) -> bool:
    """Whether this HTML build writes data exports of *docname* (an edited document)."""
    return builder.format == "html" and not builder.name.startswith("epub") \
        and docname in get_domain(builder.env).documents


def note_uri(builder: Builder, docname: str) -> str:
    """The note on the text, from the exports of *docname*."""
    note_doc = builder.config.edition_note_on_text
    return relative_uri(f"{HTML_EXPORTS}/{docname}.xml", builder.get_target_uri(note_doc)) \
        if note_doc in builder.env.found_docs else ""


def add_export_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """HTML: link the exports from the document (written by :func:`write_html_exports`)."""
    builder = app.builder
    if not exported(builder, docname):
        return
    if builder.name not in TRANSLATED_BY_EDITION:
        write_html_exports(builder, docname, doctree)
    else:
        # resolved here, in the main process, so that -j workers inherit it
        resolved_note_on_text(builder)
    page = builder.get_target_uri(docname)
    block = nodes.container(classes=["data-exports", "editorial"])
    para = nodes.paragraph("", "Download this document as data: ")
    labels = ("TEI P5 XML", "aligned units as JSON", "aligned units as plain text")
    for index, (suffix, label) in enumerate(zip(EXPORT_SUFFIXES, labels, strict=True)):
        uri = relative_uri(page, f"{HTML_EXPORTS}/{docname}{suffix}")
        if index:
            para += nodes.Text(", " if index < len(labels) - 1 else " or ")
        para += nodes.reference("", label, refuri=uri, classes=["data-export"])
    para += nodes.Text(".")
    block += para
    # in the document's header block, with its metadata (the HTML shows the
    # block as one line that opens onto both) [page, issue 14]
    header = next(iter(doctree.findall(document_header)), None)
    if header is not None:
        header += block
    else:
        doctree += block


def write_html_exports(builder: Builder, docname: str, doctree: nodes.document) -> None:
    """Write the exports of an edited document beside the HTML pages: as the
    page is translated (in a -j worker), from the page as resolved, without
    the block of links to the exports themselves."""
    if not exported(builder, docname):
        return
    blocks = [b for b in doctree.findall(nodes.container) if "data-exports" in b["classes"]]
    places = [(b.parent, b.parent.index(b)) for b in blocks]
    for block in blocks:
        block.parent.remove(block)
    try:
        write_exports(builder, docname, doctree, Path(builder.outdir) / HTML_EXPORTS,
                      note_uri(builder, docname))
    finally:
        for block, (parent, index) in zip(blocks, places, strict=True):
            parent.insert(index, block)


def setup(app: Sphinx) -> None:
    app.add_builder(TeiBuilder)
    app.connect("doctree-resolved", add_export_links)
    # before the quotes are set typographically (priority 900): the exports
    # hold the witness's own characters
    before_translation(write_html_exports, 500)
