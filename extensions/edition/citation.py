"""Citations of ``bib/`` entries, with a locator, in Chicago note form.

sphinxcontrib-bibtex reads ``bib/`` and prints the bibliography page (in the
Chicago style of :mod:`edition.chicago`); its ``footcite`` role takes no
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
without words inside the witness's text; a ``.bib`` file that pybtex cannot
read (syntax error, repeated key), reported with the line of the ``.bib``
file instead of stopping the build.
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
from sphinx.util.nodes import make_refnode

from . import chicago
from .diagnostics import Kind, warn
from .domain import get_domain
from .metadata import document_header, front_matter_line


class citation_ref(nodes.Inline, nodes.Element):
    """A citation of ``key`` at ``locator``; resolved into links after reading.

    ``mode`` is ``words`` (the children are the words that cite, linked),
    ``marker`` (the note form, written in the edition's prose) or ``form``
    (the note form alone, as in the document header).
    """


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
    domain.citation_refs.append(CitationRef(
        citation_ref_id=f"edition-citation-{len(domain.citation_refs)}",
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
        if has_words:
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
    from .commentary import commentary
    from .parallel import side

    parent = node.parent
    while parent is not None:
        if isinstance(parent, commentary):
            return False
        if isinstance(parent, nodes.footnote) or (
                isinstance(parent, side) and parent.get("role") == "translation"):
            return True
        parent = parent.parent
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


def holds_link(node: nodes.Node) -> bool:
    """Whether *node* is or holds a link of its own (a commentary letter, a
    note reference, a name linked to its register), which a link must not
    enclose."""
    from .commentary import commentary_ref
    from .entities import mention

    kinds = (nodes.reference, nodes.footnote_reference, commentary_ref, mention)
    if isinstance(node, kinds):
        return True
    return isinstance(node, nodes.Element) and any(
        True for _ in node.findall(lambda n: isinstance(n, kinds)))


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
        return nodes.inline("", text, classes=["citation", "editorial",
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


def check_basis(path: Path, entries: dict[str, Entry]) -> None:
    """A name or title in original script, which the witness never gives,
    needs a ``source`` (a key of bib/ or a named reference work); what the
    witness gives is pointed to by ``witness`` (header, note n, ¶ n)."""
    lines = bib_lines(path)
    for key, entry in entries.items():
        where = f"{path}:{repeated_line(lines, key)}"
        fields = {name.lower() for name in entry.fields}
        original = sorted(f for f in fields if f.endswith("-original"))
        if original and "source" not in fields:
            warn(Kind.citation, "entry %r gives %s, which the witness does not give, "
                 "without a 'source' field: name its basis (a key of bib/ or a "
                 "reference work), or remove the field", key, ", ".join(original),
                 location=where)


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
        data = None
        with pybtex.errors.capture() as errors:
            try:
                data = parse_file(str(path), "bibtex",
                                  encoding=getattr(app.config, "bibtex_encoding", "utf-8-sig"))
            except Exception as exc:  # an error pybtex does not route through report_error
                errors.append(exc)
        if data is not None:
            check_basis(path, data.entries)
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


# --- visitors (the node never reaches a writer after resolution; these keep
# the words if another builder's pipeline skips post-transforms) ---------------

def visit_pass(self: Any, node: nodes.Node) -> None:
    pass


def depart_pass(self: Any, node: nodes.Node) -> None:
    pass


def setup(app: Sphinx) -> None:
    # sphinxcontrib-bibtex is the project's choice (conf.py's extensions): a
    # project without it has no bib/ and every citation says so.
    chicago.setup(app)
    app.add_role("citation", CitationRole())
    app.add_node(citation_ref, html=(visit_pass, depart_pass),
                 latex=(visit_pass, depart_pass), text=(visit_pass, depart_pass))
    app.add_transform(SourceFieldTransform)
    app.add_transform(CitationPlacementCheck)
    app.add_post_transform(CitationResolver)
    # around sphinxcontrib-bibtex's own reading of the files (priority 500)
    app.connect("builder-inited", check_bibfiles, priority=400)
    app.connect("builder-inited", end_bib_capture, priority=600)
