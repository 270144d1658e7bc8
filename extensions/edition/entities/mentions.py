"""Mentions: each place the text, the notes or the header names an entity.

The entities are defined once in the registers' data file
(:mod:`edition.entities.data`). **Mentions** are roles in the text and the
notes: ``{person}`Khrushchev```, ``{person}`Wladyslaw Gomulka <gomulka>```,
``{place}`Warsaw```, ``{org}`Chinese Party <ccp>```,
``{publication}`declaration <declaration>```. The role's text is the name
as the text spells it; the key in angle brackets (or, without one, the text
in lower case with hyphens) names the entity. The names in a document's
header (``author``, ``recipients``, ``translators``, ``archive``) are
mentions too, found by their spelling.

Every mention gets an anchor and, for persons, an entry in Sphinx's index
(the PDF's index of persons); it links to its register entry, and the entry
(:mod:`edition.entities.registers`) lists every mention by paragraph or note.
The ``entity`` domain keeps the entities and, per document, the mentions and
which registers the document draws.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import ObjType
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

from ..diagnostics import Kind, counting_warnings, logger, warn
from ..model.domain import get_domain as get_edition_domain
from ..model.metadata import front_matter_line
from ..model.records import Entity, MentionRecord
from ..nodes import document_header, mention, note_label, unit
from ..util import PASS, DocumentDataDomain, ancestors, depart_pass
from .data import KINDS, data_stamp, default_key, entities_path, load_entities

#: role name -> entity kind
ROLES = {"person": "person", "place": "place", "org": "organisation",
         "publication": "publication"}
#: metadata fields whose names are mentions in the document's header
HEADER_FIELDS = ("author", "recipients", "translators", "archive")


def role_for(kind: str) -> str:
    return next(role for role, k in ROLES.items() if k == kind)



# --- the domain --------------------------------------------------------------

class EntityDomain(DocumentDataDomain):
    """Entities (read from the data file) and, per document, their mentions."""

    name = "entity"
    label = "Entities"
    object_types = {kind: ObjType(kind, kind) for kind in KINDS}
    initial_data: dict[str, Any] = {
        #: key -> Entity; read from the data file before each build that
        #: finds it changed (read_data_file)
        "entities": {},
        #: docname -> list of MentionRecord, in document order
        "mentions": {},
        #: docname -> (kind, line) of each register the document holds (registers.py)
        "registers": {},
    }
    per_document = ("mentions", "registers")

    @property
    def entities(self) -> dict[str, Entity]:
        return self.data.setdefault("entities", {})

    @property
    def mentions(self) -> dict[str, list[MentionRecord]]:
        return self.data.setdefault("mentions", {})

    @property
    def registers(self) -> dict[str, list[tuple[str, int]]]:
        return self.data.setdefault("registers", {})

    def register_doc(self, kind: str) -> str:
        """The document that holds the register of *kind* ("" when none).

        Of two pages that each draw a register of *kind* (reported), the one
        whose name sorts first: a rule that does not depend on the order in
        which a parallel build read them.
        """
        return next((doc for doc in sorted(self.registers)
                     if any(k == kind for k, _ in self.registers[doc])), "")

    def mentions_of(self, key: str) -> list[tuple[str, MentionRecord]]:
        """Every mention of *key*: (docname, record), edited text first."""
        found = [(doc, m) for doc, records in self.mentions.items()
                 for m in records if m.key == key]
        return sorted(found, key=lambda dm: (dm[1].order[0] == 3, dm[0], dm[1].order))

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        # Entries in the search index and objects.inv, e.g. "Gomułka, Władysław".
        # [page, issue 14] Named by the standard form, anchored at the key:
        # Sphinx's search index keeps only the display name, and an anchor
        # equal to the name it drops and rebuilds from the display name, so
        # a result linked to "persons.html#Gomułka, Władysław".
        for entity in self.entities.values():
            docname = self.register_doc(entity.kind)
            if docname:
                yield entity.standard, entity.standard, entity.kind, docname, entity.key, 1


def get_domain(env: Any) -> EntityDomain:
    return env.get_domain("entity")  # type: ignore[return-value]


def read_data_file(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Load the entities before any document is read (also by parallel readers).

    A rebuild keeps the entities of the last build while the data file is
    the same (its bytes, and the copy of CLDR its original-script forms are
    checked against) and that build read it without a warning: reading it
    again would give the same entities and say nothing, and its check
    against CLDR (which loads each language's locale data) is most of the
    cost of a small rebuild's set-up. A file that warned is read again, so
    its warnings stay until it is corrected.
    """
    domain = get_domain(env)
    path = entities_path(app)
    stamp = data_stamp(path)
    if stamp is not None and domain.data.get(STAMP) == stamp:
        return
    with counting_warnings() as counter:
        domain.data["entities"] = load_entities(path)
    domain.data[STAMP] = stamp if not counter.count else None


#: the domain's record of the data file its entities were read from
STAMP = "entities_read_from"


# --- roles and the reading transform -------------------------------------------

class MentionRole(SphinxRole):
    """``{person}`name <key>```: a mention of an entity."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        #: the entity kind this role marks (the ``org`` role marks organisations)
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_key, text, key = split_explicit_title(self.text)
        node = mention(self.rawtext, text, kind=self.kind,
                       key=key.strip() if has_key else default_key(text),
                       classes=["mention"])
        self.set_source_info(node)
        if not text.strip():
            warn(Kind.entity, "%s mention is empty: write the name as the text spells "
                 "it, e.g. {%s}`name <key>`", self.kind, self.name, location=node)
        return [node], []


def shared(record: MentionRecord) -> MentionRecord:
    """*record* with its texts and its order shared with every other record
    that has the same (``sys.intern``): a collection's documents name the same
    entities with the same spellings in the same places ("¶ 5", the anchor
    "mention-khrushchev-1"), and the domain keeps a record of every mention of
    every document for the registers (90,000 at N = 1000, a quarter of their
    memory once shared; a ``-j`` reader pickles each text once, too)."""
    key, text, anchor, label, order, line = record
    return MentionRecord(sys.intern(key), sys.intern(text), sys.intern(anchor),
                         sys.intern(label), _ORDERS.setdefault(order, order), line)


#: one tuple per place order (header, ¶ n, note n)
_ORDERS: dict[tuple[int, int], tuple[int, int]] = {}


def where_in_text(node: nodes.Node) -> tuple[str, tuple[int, int]]:
    """Label and order of the place a mention stands in: ¶ n, note n, header."""
    for parent in ancestors(node):
        if isinstance(parent, unit) and parent.get("n"):
            return f"¶ {parent['n']}", (1, parent["n"])
        if isinstance(parent, nodes.footnote) and note_label(parent):
            label = note_label(parent)
            return f"note {label}", (2, int(label) if label.isdigit() else 0)
        if isinstance(parent, document_header):
            return "header", (0, 0)
    return "", (3, 0)


class MentionTransform(SphinxTransform):
    """Check each mention, anchor it, index persons, record it in the domain."""

    # after the header (345) and the note anchors (630); before the domains
    # collect index entries (850)
    default_priority = 640

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        entities = domain.entities
        self.mark_header_names(entities)
        records: list[MentionRecord] = []
        counts: dict[str, int] = {}
        for node in list(self.document.findall(mention)):
            entity = self.check(node, entities)
            if entity is None:
                continue
            key = entity.key
            counts[key] = counts.get(key, 0) + 1
            anchor = f"mention-{key}-{counts[key]}"
            node["ids"] = [anchor]
            node["key"] = key
            if f"mention-{entity.kind}" not in node["classes"]:
                node["classes"].append(f"mention-{entity.kind}")
            label, order = where_in_text(node)
            if node.get("header_field"):
                label = f"header ({node['header_field']})"
            records.append(shared(MentionRecord(key, node.astext(), anchor, label, order,
                                                node.line or 0)))
            if entity.kind in self.config.edition_indexed_kinds:
                index = addnodes.index(entries=[("single", entity.standard, anchor, "",
                                                 None)], inline=True)
                node.parent.insert(node.parent.index(node), index)
        if records:
            self.env.note_dependency(str(entities_path(self.env)))
        domain.mentions[self.env.docname] = records

    def check(self, node: mention, entities: dict[str, Entity]) -> Entity | None:
        key = node["key"]
        entity = entities.get(key)
        if entity is None:
            if node.get("header_field"):
                return None
            path = self.config.edition_entities_file
            warn(Kind.entity, "unknown entity %r: add an entry with this key to %s, or "
                 "give the key of an existing entry, e.g. {%s}`%s <key>`", key, path,
                 role_for(node["kind"]), node.astext(), location=node)
            return None
        if node["kind"] and node["kind"] != entity.kind:
            warn(Kind.entity, "%r is a %s in the registers, not a %s: mark it with "
                 "{%s}", key, entity.kind, node["kind"], role_for(entity.kind),
                 location=node)
        if entity.spelled and node.astext() not in entity.spelled:
            warn(Kind.entity, "the text spells %r as %r, which its entry does not list: "
                 "add %r to 'spelled' of %r in %s", key, node.astext(), node.astext(),
                 key, self.config.edition_entities_file, location=node)
        return entity

    def mark_header_names(self, entities: dict[str, Entity]) -> None:
        """Turn the names in the header's fields into mentions."""
        meta = get_edition_domain(self.env).documents.get(self.env.docname)
        if not meta or not entities:
            return
        spellings = {s: e.key for e in entities.values() for s in e.spelled}
        source = self.document["source"]
        for header in self.document.findall(document_header):
            for field in header.findall(nodes.field):
                name = next((c.removeprefix("field-") for c in field["classes"]
                             if c.startswith("field-")), "")
                value = meta.value(name) if name in HEADER_FIELDS else ""
                if not value:
                    continue
                names = list(value) if isinstance(value, tuple) else [value]
                for para in field.findall(nodes.paragraph):
                    for text in names:
                        key = spellings.get(text) or default_key(re.sub(r"^the\s+", "", text))
                        if key not in entities:
                            warn(Kind.entity, "the header names %r (field %r), which is "
                                 "in no register: add it to 'spelled' of its entry in %s",
                                 text, name, self.config.edition_entities_file,
                                 location=f"{source}:{front_matter_line(source, name)}")
                            continue
                        self.wrap_name(para, text, key, front_matter_line(source, name),
                                       field[0].astext())

    def wrap_name(self, para: nodes.paragraph, name: str, key: str, line: int,
                  field_label: str) -> None:
        for child in list(para.children):
            if not isinstance(child, nodes.Text) or name not in str(child):
                continue
            before, _, after = str(child).partition(name)
            node = mention(name, name, kind="", key=key, header_field=field_label,
                           classes=["mention"])
            node.source, node.line = self.document["source"], line
            replacement = [nodes.Text(before)] if before else []
            replacement.append(node)
            if after:
                replacement.append(nodes.Text(after))
            para.replace(child, replacement)
            return


def link_mentions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Link each mention of a resolved page to its entry in the register of its kind."""
    domain = get_domain(app.env)
    for node in doctree.findall(mention):
        entity = domain.entities.get(node["key"])
        todoc = domain.register_doc(entity.kind) if entity else ""
        if not todoc or not node.get("ids") or \
                any(isinstance(c, nodes.reference) for c in node.children):
            continue
        if app.builder.format == "html":
            # the mention itself becomes the link (one <a>, not a link in a
            # span): mentions are most of a document page's markup. Its title
            # is the entry's standard form where the text spells it otherwise.
            try:
                node["refuri"] = f"{app.builder.get_relative_uri(docname, todoc)}#{entity.key}"
            except NoUri:
                continue
            if entity.standard != node.astext():
                node["reftitle"] = entity.standard
            continue
        try:
            ref = make_refnode(app.builder, docname, todoc, entity.key,
                               node.children[:], title=entity.standard)
        except NoUri:  # the register page is not part of this output
            continue
        ref["classes"].append("mention-link")
        node.children = []
        node += ref


def check_consistency(app: Sphinx, env: Any) -> None:
    """Entities never mentioned, and kinds without a register page."""
    domain = get_domain(env)
    path = str(entities_path(env))
    mentioned = {m.key for records in domain.mentions.values() for m in records}
    for entity in domain.entities.values():
        if entity.key not in mentioned and not entity.unmarked:
            warn(Kind.entity, "entity %r is never mentioned: mark its name in the text "
                 "with {%s}`name <%s>`, say in 'unmarked' where the witness names it, "
                 "or remove the entry", entity.key,
                 role_for(entity.kind), entity.key,
                 location=f"{path}:{entity.line}")
    for kind in sorted({e.kind for e in domain.entities.values()
                        if e.key in mentioned}):
        if not domain.register_doc(kind):
            logger.info("entities of kind %s are mentioned but no page holds a "
                        "'{register} %s'; their mentions are not linked", kind, kind)


# --- visitors ---------------------------------------------------------------

def visit_mention_html(self: Any, node: mention) -> None:
    if node.get("refuri"):  # linked to its entry (link_mentions)
        # the link names the entity (its register entry's anchor is the key):
        # no data-entity beside it, which 87 mentions of the document page
        # repeated
        attributes = {"href": node["refuri"]}
        if node.get("reftitle"):
            attributes["title"] = node["reftitle"]
        self.body.append(self.starttag(node, "a", "", **attributes))
    else:  # no register holds its kind: the key is the only pointer
        self.body.append(self.starttag(node, "span", "", **{"data-entity": node["key"]}))


def depart_mention_html(self: Any, node: mention) -> None:
    self.body.append("</a>" if node.get("refuri") else "</span>")


def visit_mention_latex(self: Any, node: mention) -> None:
    # anchor only: the index entry (for persons) stands just before
    if node.get("ids"):
        self.body.append(self.hypertarget_to(node, anchor=True))


def setup(app: Sphinx) -> None:
    app.add_domain(EntityDomain)
    app.connect("env-before-read-docs", read_data_file)
    app.connect("env-check-consistency", check_consistency)
    for role, kind in ROLES.items():
        app.add_role(role, MentionRole(kind))
    app.add_transform(MentionTransform)
    # before the other handlers of resolved pages (500), as a post-transform would
    app.connect("doctree-resolved", link_mentions, priority=400)
    app.add_node(mention, html=(visit_mention_html, depart_mention_html),
                 latex=(visit_mention_latex, depart_pass),
                 text=PASS)
