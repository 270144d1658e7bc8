"""Citations of ``bib/`` entries, with a locator, in Chicago note form.

sphinxcontrib-bibtex reads ``bib/`` and prints the bibliography page (in the
Chicago style of :mod:`edition.chicago`); its ``footcite`` role takes no
locator and would add a footnote of its own inside the archive's notes. The
``citation`` role cites an entry by key, with an optional locator (pages, a
paragraph), without changing a word of the text:

* ``{citation}`shi1993, 299-300``` -- after the witness's own words, an
  editorial marker in brackets: the Chicago note form (full at the work's
  first citation in the page, short after), linked to the bibliography entry;
* ``{citation}`the witness's words <renmin1956>``` -- the witness's words
  stay as they are and become a link to the entry; the note form is the
  link's title.

The document header gains a "Source" field: the Chicago note form of the
front matter's ``source`` (a key of ``bib/``) with its ``pages``.

Checks, each a warning of kind ``citation`` naming file and line: a key that
is not in ``bib/``; a cited entry that no bibliography lists; a ``.bib`` file
that pybtex cannot read (syntax error, repeated key), reported with the line
of the ``.bib`` file instead of stopping the build.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pybtex.errors
import pybtex_docutils
from docutils import nodes
from pybtex.database import Entry, parse_file
from pybtex.richtext import BaseText, HRef, Protected, Tag, Text
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

from . import chicago
from ..diagnostics import Kind, warn
from ..nodes import citation_ref, document_header
from ..util import PASS
from ..model.domain import get_domain
from ..model.metadata import front_matter_line


#: docutils backend of pybtex_docutils: rich text -> docutils nodes
BACKEND = pybtex_docutils.Backend()

LOCATOR = re.compile(r"^\s*(?P<key>[^,\s]+)\s*(?:,\s*(?P<locator>.*?))?\s*$")


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
    domain.citation_refs.append(CitationRef(
        citation_ref_id=f"edition-citation-{len(domain.citation_refs)}",
        docname=env.docname, line=line, targets=[CitationTarget(key, "", "")]))


class CitationRole(SphinxRole):
    """``{citation}`key, locator``` or ``{citation}`words <key, locator>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_words, words, target = split_explicit_title(self.text)
        key, locator = parse_target(target if has_words else self.text)
        node = citation_ref(self.rawtext, key=key, locator=locator,
                            mode="words" if has_words else "marker",
                            classes=["citation-ref"])
        self.set_source_info(node)
        if has_words:
            node += nodes.Text(words)
        if not key:
            warn(Kind.citation, "citation names no key: write {citation}`key, pages` "
                 "with a key of bib/ (e.g. shi1993)", location=node)
        else:
            note_cited(self.env, key, node, self.lineno)
        return [node], []


class SourceFieldTransform(SphinxTransform):
    """Add a "Source" field to the document header, from ``source`` and ``pages``."""

    default_priority = 346  # just after the header is built (metadata: 345)

    def apply(self, **kwargs: Any) -> None:
        meta = get_domain(self.env).documents.get(self.env.docname)
        header = next(iter(self.document.findall(document_header)), None)
        if not meta or header is None or "source" not in meta:
            return
        fields = next(iter(header.findall(nodes.field_list)), None)
        if fields is None:
            return
        ref = citation_ref("", key=meta["source"], locator=meta.get("pages", ""),
                           mode="form", classes=["citation-ref"])
        ref.source = self.document["source"]
        ref.line = front_matter_line(self.document["source"], "source")
        note_cited(self.env, meta["source"], ref, ref.line)
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


class CitationResolver(SphinxPostTransform):
    """Write each citation in Chicago note form: full first, short after."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        if self.env._builder_cls.format == "latex":
            self.label_bibliography_items()
        entries = bib_entries(self.env)
        cited: set[str] = set()
        for node in list(self.document.findall(citation_ref)):
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
            if node["mode"] == "marker" and self.env._builder_cls.format == "text":
                # Plain text cannot set the marker apart from the witness's
                # words, as HTML and LaTeX do (class, colour, link); the
                # header's Source field still gives the source there.
                node.parent.remove(node)
                continue
            form = chicago.note(entry, locator, short=short)
            node.replace_self(self.resolved(node, key, form))

    def label_bibliography_items(self) -> None:
        """Give each entry of a bulleted bibliography a LaTeX label.

        Sphinx's LaTeX writer writes no label for the id of a list item, so a
        link to an entry would be an undefined reference in the PDF; a target
        at the start of the item carries the id instead.
        """
        try:
            wanted = {c.citation_id for c in self.env.get_domain("cite").citations}
        except Exception:
            return
        for item in self.document.findall(nodes.list_item):
            ids = [i for i in item["ids"] if i in wanted]
            if ids and item.children and isinstance(item[0], nodes.paragraph):
                item[0].insert(0, nodes.target("", "", ids=ids))

    def unresolved(self, node: citation_ref) -> nodes.Node:
        if node["mode"] == "words":
            return nodes.inline("", "", *node.children, classes=["citation-unresolved"])
        text = ", ".join(p for p in (node["key"], node["locator"]) if p)
        return nodes.inline("", f"[{text}]", classes=["citation", "editorial",
                                                      "citation-unresolved"])

    def bibliography_target(self, node: nodes.Element, key: str) -> tuple[str, str] | None:
        try:
            citations = self.env.get_domain("cite").citations
        except Exception:
            return None
        for citation in citations:
            if citation.key == key:
                return citation.bibliography_key.docname, citation.citation_id
        warn(Kind.citation, "%r is cited but no bibliography lists it: add it to the "
             "{bibliography} directive of the bibliography page (or use :all:)",
             key, location=node)
        return None

    def link(self, node: nodes.Element, key: str, children: list[nodes.Node],
             title: str | None) -> list[nodes.Node]:
        target = self.bibliography_target(node, key)
        # SphinxTransform.app is deprecated in Sphinx 9; Sphinx's own
        # post-transforms reach the builder through the environment.
        builder = self.env._app.builder
        if target is None or not hasattr(builder, "get_relative_uri"):
            return children
        docname, target_id = target
        ref = make_refnode(builder, self.env.docname, docname, target_id,
                           children, title)
        ref["classes"].append("citation-link")
        return [ref]

    def resolved(self, node: citation_ref, key: str, form: BaseText) -> nodes.Node:
        title = form.render_as("text")
        if node["mode"] == "words":
            out = nodes.inline("", "", *self.link(node, key, list(node.children), title),
                               classes=["citation-words"])
        elif node["mode"] == "form":  # the form is the text: no title repeating it
            out = nodes.inline("", "", *self.link(node, key, rich_nodes(without_links(form)),
                                                  None), classes=["citation-form"])
        else:
            out = nodes.inline("", "", nodes.Text(" ["),
                               *self.link(node, key, rich_nodes(without_links(form)), title),
                               nodes.Text("]"), classes=["citation", "editorial"])
        out.source, out.line = node.source, node.line
        return out


# --- the .bib files ------------------------------------------------------------

def bib_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def repeated_line(lines: list[str], key: str) -> int:
    """Line of the second entry that uses *key* (the one to rename or remove)."""
    pattern = re.compile(r"^\s*@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,")
    found = [n for n, line in enumerate(lines, start=1) if pattern.match(line)]
    return found[1] if len(found) > 1 else (found[0] if found else 1)


def entry_start(lines: list[str], line: int) -> int | None:
    """Line of the entry that a line of the file belongs to."""
    for number in range(min(line, len(lines)), 0, -1):
        if re.match(r"^\s*@\w+\s*[{(]", lines[number - 1]):
            return number
    return None


def check_bibfiles(app: Sphinx) -> None:
    """Read each ``.bib`` file with pybtex and report what it cannot read.

    pybtex raises on a syntax error, and sphinxcontrib-bibtex 2.7 catches only
    repeated keys (without a line); so we read the files first, report every
    error with its line, and let sphinxcontrib-bibtex's own reading (which
    follows) skip what it cannot read instead of stopping the build.
    """
    files = getattr(app.config, "bibtex_bibfiles", None) or []
    for name in files:
        path = (Path(app.confdir) / name).resolve()
        if not path.is_file():
            continue  # sphinxcontrib-bibtex reports a missing file itself
        with pybtex.errors.capture() as errors:
            try:
                parse_file(str(path), "bibtex",
                           encoding=getattr(app.config, "bibtex_encoding", "utf-8-sig"))
            except Exception as exc:  # an error pybtex does not route through report_error
                errors.append(exc)
        lines = bib_lines(path) if errors else []
        for error in errors:
            line = getattr(error, "lineno", None)
            message = str(error)
            repeated = re.search(r"repeated bibliography entry: (\S+)", message)
            if repeated:
                line = repeated_line(lines, repeated.group(1))
                # a path and line as text: a tuple would be read as (docname, line)
                warn(Kind.citation, "bib file uses the key %r for two entries; give each "
                     "entry its own key", repeated.group(1), location=f"{path}:{line}")
                continue
            if line is not None:
                start = entry_start(lines, line)
                if start is not None and start != line:
                    message += f" (in the entry that starts at line {start})"
            warn(Kind.citation, "bib file cannot be read as written: %s; check the "
                 "entry's braces, commas and quotes", message, location=f"{path}:{line or 1}")
    if files and "sphinxcontrib.bibtex" in app.extensions:
        stack = ExitStack()
        stack.enter_context(pybtex.errors.capture())
        app._edition_bib_capture = stack  # type: ignore[attr-defined]


def end_bib_capture(app: Sphinx) -> None:
    stack = getattr(app, "_edition_bib_capture", None)
    if stack is not None:
        stack.close()
        app._edition_bib_capture = None  # type: ignore[attr-defined]


def setup(app: Sphinx) -> None:
    # sphinxcontrib-bibtex is the project's choice (conf.py's extensions): a
    # project without it has no bib/ and every citation says so.
    chicago.setup(app)
    app.add_role("citation", CitationRole())
    # the node never reaches a writer after resolution; these keep the words
    # if another builder's pipeline skips it
    app.add_node(citation_ref, html=PASS, latex=PASS, text=PASS)
    app.add_transform(SourceFieldTransform)
    app.add_post_transform(CitationResolver)
    # around sphinxcontrib-bibtex's own reading of the files (priority 500)
    app.connect("builder-inited", check_bibfiles, priority=400)
    app.connect("builder-inited", end_bib_capture, priority=600)
