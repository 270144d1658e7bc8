"""Citations of ``bib/`` entries, with a locator, in Chicago note form.

sphinxcontrib-bibtex reads ``bib/`` and prints the bibliography page (in the
Chicago style of :mod:`edition.citation.chicago`); its ``footcite`` role takes no
locator and would add a footnote of its own inside the record's notes. The
``citation`` role cites an entry by key, with an optional locator (pages, a
paragraph):

* ``{citation}`the words that cite <renmin1956>``` -- the words stay as they
  are and become a link to the entry; the Chicago note form is the link's
  title (its tooltip). The words are read as inline markup, so a mark of the
  text can stand inside them: with two backticks around the role's text,
  ``{citation}``(Shi Zhongquan, ... {sic}`zhuoyeu <sic-zhuoyeu>` ...,
  299-300) <shi1993, 299-300>```` makes the record's own parenthesis the
  citation's anchor and keeps its *sic* mark. This is the only form a
  citation may take inside a unit or a note: it adds no word to the
  witness's text;
* ``{citation}`shi1993, 299-300``` -- the Chicago note form itself, linked to
  the entry (full at the work's first citation in the page, short after).
  It adds words, so it belongs to the edition's own prose (pages, commentary);
  inside a unit's text or a note it is reported (kind ``citation``).

The document header gains a "Source" field: the Chicago note form of the
front matter's ``source`` (a key of ``bib/``) with its ``pages``.

Checks, each a warning of kind ``citation`` naming file and line: a key that
is not in ``bib/``; a cited entry that no bibliography lists; a citation
without words inside the witness's text (:class:`CitationPlacementCheck`).
The ``.bib`` files themselves are checked by :mod:`edition.citation.bibfiles`.
"""

from __future__ import annotations

import re
from typing import Any

import pybtex_docutils
from docutils import nodes
from pybtex.database import Entry
from pybtex.richtext import BaseText, HRef, Protected, Tag, Text
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from ..diagnostics import Kind, warn
from ..model.domain import get_domain
from ..model.metadata import front_matter_line
from ..nodes import (citation_ref, commentary, commentary_ref, document_header, mention,
                     side)
from ..util import PASS, ancestors
from . import chicago


#: docutils backend of pybtex_docutils: rich text -> docutils nodes
BACKEND = pybtex_docutils.Backend()

LOCATOR = re.compile(r"^\s*(?P<key>[^,\s]+)\s*(?:,\s*(?P<locator>.*?))?\s*$")
#: ``words <key, locator>``: the target is the last angle-bracketed part, so
#: the words may hold roles with labels of their own (``{sic}`x <label>```)
WORDS_AND_TARGET = re.compile(r"^(?P<words>.*\S)\s*<(?P<target>[^<>]*)>\s*$", re.S)


def parse_target(target: str) -> tuple[str, str]:
    """``"shi1993, 299-300"`` -> ``("shi1993", "299-300")``."""
    match = LOCATOR.match(target)
    if not match:
        return "", ""
    return match.group("key"), match.group("locator") or ""


def bib_entries(env: Any) -> dict[str, Entry]:
    """The entries sphinxcontrib-bibtex read from ``bibtex_bibfiles``."""
    try:
        return env.get_domain("cite").bibdata.data.entries
    except Exception:  # sphinxcontrib-bibtex not set up: nothing to cite
        return {}


def note_cited(env: Any, key: str, node: nodes.Element, line: int) -> None:
    """Tell sphinxcontrib-bibtex the key is cited (for ``:filter: cited``)."""
    try:
        from sphinxcontrib.bibtex.citation_target import CitationTarget
        from sphinxcontrib.bibtex.roles import CitationRef
    except ImportError:
        return
    try:
        domain = env.get_domain("cite")
    except Exception:  # sphinxcontrib-bibtex not loaded
        return
    # numbered within the page, so that a parallel reader numbers as a serial one
    number = sum(ref.docname == env.docname for ref in domain.citation_refs)
    domain.citation_refs.append(CitationRef(
        citation_ref_id=f"edition-citation-{env.docname}-{number}",
        docname=env.docname, line=line, targets=[CitationTarget(key, "", "")]))


class CitationRole(SphinxRole):
    """``{citation}`key, locator``` or ``{citation}`words <key, locator>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = WORDS_AND_TARGET.match(self.text)
        has_words = match is not None
        key, locator = parse_target(match.group("target") if match else self.text)
        node = citation_ref(self.rawtext, key=key, locator=locator,
                            mode="words" if has_words else "marker",
                            classes=["citation-ref"])
        self.set_source_info(node)
        messages: list[nodes.system_message] = []
        if match is not None:
            children, messages = self.words(match.group("words"), node)
            node.extend(children)
        if not key:
            warn(Kind.citation, "citation names no key: write {citation}`key, pages` "
                 "with a key of bib/ (e.g. shi1993)", location=node)
        else:
            note_cited(self.env, key, node, self.lineno)
        return [node], messages

    def words(self, text: str, parent: nodes.Element
              ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The words that cite, read as inline markup (marks may stand inside)."""
        if "`" not in text and "*" not in text and "_" not in text:
            return [nodes.Text(text)], []
        try:
            return self.inliner.parse(text, self.lineno, self.inliner, parent)
        except Exception:  # an inliner that cannot parse (not MyST): the words as they are
            return [nodes.Text(text)], []


def in_witness_text(node: nodes.Node) -> bool:
    """Whether *node* stands in the witness's text: a unit's translation or a
    note, and not in this edition's commentary there."""
    for parent in ancestors(node):
        if isinstance(parent, commentary):
            return False
        if isinstance(parent, nodes.footnote) or (
                isinstance(parent, side) and parent.is_translation):
            return True
    return False


class CitationPlacementCheck(SphinxTransform):
    """Report a citation without words inside the witness's text: its note
    form would stand among the witness's words, which the witness lacks."""

    default_priority = 700  # after the units and notes are built

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(citation_ref):
            if node["mode"] == "marker" and in_witness_text(node):
                warn(Kind.citation, "citation %r has no words of its own and stands in "
                     "the witness's text, where its note form would add words the "
                     "witness lacks: put it on the words that cite, "
                     "{citation}`the words <%s>` (two backticks around the role's text "
                     "when the words hold a mark), or move it into a commentary",
                     ", ".join(p for p in (node["key"], node["locator"]) if p),
                     ", ".join(p for p in (node["key"], node["locator"]) if p),
                     location=node)


class SourceFieldTransform(SphinxTransform):
    """Add a "Source" field to the document header, from ``source`` and ``pages``."""

    default_priority = 346  # just after the header is built (metadata: 345)

    def apply(self, **kwargs: Any) -> None:
        meta = get_domain(self.env).documents.get(self.env.docname)
        header = next(iter(self.document.findall(document_header)), None)
        if not meta or header is None or not meta.source:
            return
        fields = next(iter(header.findall(nodes.field_list)), None)
        if fields is None:
            return
        ref = citation_ref("", key=meta.source, locator=meta.pages,
                           mode="form", classes=["citation-ref"])
        ref.source = self.document["source"]
        ref.line = front_matter_line(self.document["source"], "source")
        note_cited(self.env, meta.source, ref, ref.line)
        body = nodes.field_body("", nodes.paragraph("", "", ref))
        fields += nodes.field("", nodes.field_name("", "Source"), body, classes=["field-source"])


def without_links(text: BaseText) -> BaseText:
    """The same rich text with URLs as plain text (for use inside a link)."""
    if isinstance(text, HRef):
        return Text(*[without_links(part) for part in text.parts])
    if isinstance(text, Tag):
        return Tag(text.name, *[without_links(part) for part in text.parts])
    if isinstance(text, (Text, Protected)):
        return type(text)(*[without_links(part) for part in text.parts])
    return text


def rich_nodes(text: BaseText) -> list[nodes.Node]:
    return list(text.render(BACKEND))


#: nodes that are or make a link of their own (a commentary letter, a note
#: reference, a name linked to its register)
LINKS = (nodes.reference, nodes.footnote_reference, commentary_ref, mention)


def holds_link(node: nodes.Node) -> bool:
    """Whether *node* is or holds a link of its own, which a link must not enclose."""
    if isinstance(node, LINKS):
        return True
    return isinstance(node, nodes.Element) and next(node.findall(LINKS), None) is not None


def link_runs(children: list[nodes.Node]) -> list[tuple[bool, list[nodes.Node]]]:
    """The words that cite, in runs: (True, words to link) and (False, a child
    that holds a link of its own), so that no link stands inside another."""
    runs: list[tuple[bool, list[nodes.Node]]] = []
    for child in children:
        linkable = not holds_link(child)
        if runs and runs[-1][0] and linkable:
            runs[-1][1].append(child)
        else:
            runs.append((linkable, [child]))
    return runs


def order_bibliographies(app: Sphinx, env: Any) -> list[str]:
    """Put sphinxcontrib-bibtex's bibliographies in the order of their pages' names.

    Parallel readers merge them in the order they finish; sphinxcontrib-bibtex
    lists its citations (and links its own ``{cite}`` role) in the order of
    this mapping. Ordered by page name (a page's own bibliographies keep their
    order on the page), a ``-j`` build lists them as a serial build does.
    Runs before sphinxcontrib-bibtex's ``env-updated`` handler (500).
    """
    try:
        bibliographies = env.get_domain("cite").bibliographies
    except Exception:  # sphinxcontrib-bibtex not loaded
        return []
    ordered = sorted(bibliographies.items(), key=lambda item: item[0].docname)
    bibliographies.clear()
    bibliographies.update(ordered)
    return []


def bibliography_for(env: Any, key: str, fromdoc: str) -> tuple[str, str] | None:
    """(page, anchor) of the bibliography entry that a citation of *key* links to.

    When several bibliographies list the entry, the rule is: the bibliography
    on the citing page; else the one on the page whose name sorts first; of
    two on one page, the first. The choice does not depend on the order in
    which a parallel build read the pages.
    """
    try:
        citations = env.get_domain("cite").citations
    except Exception:
        return None
    listed = [c for c in citations if c.key == key]
    if not listed:
        return None
    best = min(listed, key=lambda c: (c.bibliography_key.docname != fromdoc,
                                      c.bibliography_key.docname))
    return best.bibliography_key.docname, best.citation_id


def resolve_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write each citation of a resolved page in Chicago note form."""
    CitationResolver(app, docname).run(doctree)


class CitationResolver:
    """The citations of one page: full note form first, short after."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.env = app.env
        self.docname = docname

    def run(self, document: nodes.document) -> None:
        entries = bib_entries(self.env)
        cited: set[str] = set()
        for node in list(document.findall(citation_ref)):
            key, locator = node["key"], node["locator"]
            entry = entries.get(key)
            if entry is None:
                if key:
                    known = ", ".join(sorted(entries)) or "none"
                    warn(Kind.citation, "citation of %r: no such key in bib/; "
                         "keys: %s", key, known, location=node)
                node.replace_self(self.unresolved(node))
                continue
            short = key in cited and node["mode"] != "form"
            cited.add(key)
            form = chicago.note(entry, locator, short=short)
            node.replace_self(self.resolved(node, key, form))

    def unresolved(self, node: citation_ref) -> nodes.Node:
        if node["mode"] == "words":
            return nodes.inline("", "", *node.children, classes=["citation-unresolved"])
        text = ", ".join(p for p in (node["key"], node["locator"]) if p)
        return nodes.inline("", text, classes=["citation", "editorial",
                                               "citation-unresolved"])

    def bibliography_target(self, node: nodes.Element, key: str) -> tuple[str, str] | None:
        target = bibliography_for(self.env, key, self.docname)
        if target is not None:
            return target
        warn(Kind.citation, "%r is cited but no bibliography lists it: add it to the "
             "{bibliography} directive of the bibliography page (or use :all:)",
             key, location=node)
        return None

    def link(self, node: nodes.Element, key: str, children: list[nodes.Node],
             title: str | None) -> list[nodes.Node]:
        target = self.bibliography_target(node, key)
        builder = self.app.builder
        if target is None or not hasattr(builder, "get_relative_uri"):
            return children
        docname, target_id = target
        ref = make_refnode(builder, self.docname, docname, target_id,
                           children, title)
        ref["classes"].append("citation-link")
        return [ref]

    def resolved(self, node: citation_ref, key: str, form: BaseText) -> nodes.Node:
        title = form.render_as("text")
        if node["mode"] == "words":
            out = nodes.inline("", "", classes=["citation-words"])
            for linkable, run in link_runs(list(node.children)):
                out.extend(self.link(node, key, run, title) if linkable else run)
        elif node["mode"] == "form":  # the form is the text: no title repeating it
            out = nodes.inline("", "", *self.link(node, key, rich_nodes(without_links(form)),
                                                  None), classes=["citation-form"])
        else:  # the note form in the edition's prose: no brackets, which are the record's sign
            out = nodes.inline("", "", *self.link(node, key, rich_nodes(without_links(form)),
                                                  title), classes=["citation", "editorial"])
        out.source, out.line = node.source, node.line
        return out


class LabelBibliographyItems(SphinxPostTransform):
    """Give each entry of a bulleted bibliography a LaTeX label.

    Sphinx's LaTeX writer writes no label for the id of a list item, so a
    link to an entry would be an undefined reference in the PDF; a target
    at the start of the item carries the id instead.
    """

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        try:
            wanted = {c.citation_id for c in self.env.get_domain("cite").citations}
        except Exception:
            return
        for item in self.document.findall(nodes.list_item):
            ids = [i for i in item["ids"] if i in wanted]
            if ids and item.children and isinstance(item[0], nodes.paragraph):
                item[0].insert(0, nodes.target("", "", ids=ids))


def setup(app: Sphinx) -> None:
    # sphinxcontrib-bibtex is the project's choice (conf.py's extensions): a
    # project without it has no bib/ and every citation says so.
    chicago.setup(app)
    app.add_role("citation", CitationRole())
    # the node never reaches a writer after resolution; these keep the words
    # if another builder's pipeline skips it
    app.add_node(citation_ref, html=PASS, latex=PASS, text=PASS)
    app.add_transform(SourceFieldTransform)
    app.add_transform(CitationPlacementCheck)
    app.add_post_transform(LabelBibliographyItems)
    # before sphinxcontrib-bibtex assigns its citations (env-updated, 500)
    app.connect("env-updated", order_bibliographies, priority=400)
    # before the other handlers of resolved pages (500), as a post-transform would
    app.connect("doctree-resolved", resolve_citations, priority=400)
