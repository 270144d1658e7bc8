"""Entities: the persons, places, organisations and publications the text names.

**Definitions** live in one data file, ``source/entities.yaml``
(``edition_entities_file``), one entry per entity under a stable key::

    gomulka:
      kind: person                       # person, place, organisation, publication
      standard: Gomułka, Władysław       # the register's heading and index form
      spelled: [Gomulka, Wladyslaw Gomulka]   # every form the text uses
      identification: was the leader of the Polish Communist regime
      witness: [note 4]                  # where the witness says so
      unmarked: ...                      # optional: where the witness names it
                                         # in words this edition cannot mark

    poland:
      kind: place
      standard: Poland
      spelled: [Poland]
      original: {pl: Polska}             # name in original script, by language
      source: cldr                       # the basis of what the witness does not say

Only ``kind`` and ``standard`` are required; leave out what the witness (or an
entry of ``bib/``) does not support. The witness gives no name in an
original script: every ``original`` form is the editors' addition and needs a
``source``, a key of ``bib/`` or a named reference work (``cldr``, the Unicode
Common Locale Data Repository, is checked against the copy Babel ships). So
does a standard form that is none of the text's spellings (inverted, or with a
qualifier in parentheses), and an identification without a ``witness``
pointer. Each problem of the file is a warning with its line.

**Mentions** are roles in the text and the notes: ``{person}`Khrushchev```,
``{person}`Wladyslaw Gomulka <gomulka>```, ``{place}`Warsaw```,
``{org}`Chinese Party <ccp>```, ``{publication}`declaration <declaration>```.
The role's text is the name as the text spells it; the key in angle brackets
(or, without one, the text in lower case with hyphens) names the entity. The
names in a document's header (``author``, ``recipients``, ``translators``,
``archive``) are mentions too, found by their spelling.

Every mention gets an anchor and, for persons, an entry in Sphinx's index
(the PDF's index of persons); it links to its register entry, and the entry
(registers.py) lists every mention by paragraph or note.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain, ObjType
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

from .diagnostics import Kind, logger, warn
from .domain import get_domain as get_edition_domain
from .metadata import document_header, front_matter_line
from .parallel import unit

#: entity kinds, in register order
KINDS = ("person", "place", "organisation", "publication")
#: role name -> entity kind
ROLES = {"person": "person", "place": "place", "org": "organisation",
         "publication": "publication"}
HEADINGS_PLURAL = {"person": "Persons", "place": "Places",
                   "organisation": "Organisations", "publication": "Publications"}
#: metadata fields whose names are mentions in the document's header
HEADER_FIELDS = ("author", "recipients", "translators", "archive")
#: fields of an entry in the data file: name -> (type, required)
ENTRY_FIELDS: dict[str, tuple[type, bool]] = {
    "kind": (str, True),
    "standard": (str, True),
    "spelled": (list, False),
    "original": (dict, False),
    "identification": (str, False),
    "witness": (list, False),
    "unmarked": (str, False),
    "source": (str, False),
}


def default_key(text: str) -> str:
    """``Liu Xiao`` -> ``liu-xiao``: the key a mention without one points to."""
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")


def role_for(kind: str) -> str:
    return next(role for role, k in ROLES.items() if k == kind)


def sort_key(text: str) -> str:
    """Alphabetical order that files Gomułka under G and Ł with L."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Entity(NamedTuple):
    """One entry of the registers, as defined in the data file."""

    #: stable key, e.g. ``"gomulka"``
    key: str
    #: one of KINDS
    kind: str
    #: the register's form of the name, e.g. ``"Gomułka, Władysław"``
    standard: str
    #: the forms the text uses
    spelled: tuple[str, ...]
    #: (language tag, name in original script) pairs
    original: tuple[tuple[str, str], ...]
    #: one line the witness supports ("" when none)
    identification: str
    #: pointers to where the witness says it ("note 4", "¶ 9")
    witness: tuple[str, ...]
    #: where the witness names the entity in words the edition cannot mark
    unmarked: str
    #: line of the entry in the data file
    line: int
    #: basis of what the witness does not say (original forms, a standard
    #: form of the editors, an identification): a bib/ key or a reference work
    source: str = ""


class MentionRecord(NamedTuple):
    """One mention of an entity in a document, as read."""

    #: the entity's key
    key: str
    #: the name as the text spells it
    text: str
    #: anchor of the mention in its document
    id: str
    #: ``"¶ 5"``, ``"note 2"``, ``"header"``; ``""`` outside the edited text
    label: str
    #: sort key within the document: header (0), units (1), notes (2), other (3)
    order: tuple[int, int]
    #: line of the mention in its source
    line: int


class mention(nodes.Inline, nodes.TextElement):
    """One occurrence of an entity in a unit, note or header."""


# --- the data file -----------------------------------------------------------

def entities_path(app_or_env: Any) -> Path:
    return Path(app_or_env.srcdir) / app_or_env.config.edition_entities_file


def load_entities(path: Path) -> dict[str, Entity]:
    """Read and check the data file; each problem is a warning with its line.

    PyYAML's composer keeps each node's line, which lets us report a key
    defined twice (PyYAML itself would silently keep the last one).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        warn(Kind.entity, "cannot read the registers' data file: %s", error,
             location=f"{path}:1")
        return {}
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        warn(Kind.entity, "the registers' data file is not valid YAML: %s",
             getattr(error, "problem", error), location=f"{path}:{mark.line + 1 if mark else 1}")
        return {}
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        warn(Kind.entity, "the registers' data file must map each entity's key to its "
             "entry", location=f"{path}:1")
        return {}
    entities: dict[str, Entity] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        where = f"{path}:{line}"
        if key in entities:
            warn(Kind.entity, "entity %r is defined twice (first at line %d): keep one "
                 "entry per entity", key, entities[key].line, location=where)
            continue
        if default_key(key) != key:
            warn(Kind.entity, "entity key %r must be lower case words joined by "
                 "hyphens, e.g. %r", key, default_key(key), location=where)
            continue
        entity = read_entry(key, value_node, path, line)
        if entity is not None:
            entities[key] = entity
    return entities


def read_entry(key: str, node: yaml.Node, path: Path, line: int) -> Entity | None:
    where = f"{path}:{line}"
    if not isinstance(node, yaml.MappingNode):
        warn(Kind.entity, "entry %r must be a mapping of fields (kind, standard, ...)",
             key, location=where)
        return None
    try:
        data = yaml.safe_load(yaml.serialize(node))
    except yaml.YAMLError as error:
        warn(Kind.entity, "entry %r cannot be read: %s; write plain texts and lists",
             key, getattr(error, "problem", None) or error, location=where)
        return None
    fields: dict[str, Any] = {}
    for field_node, _ in node.value:
        name = str(field_node.value)
        field_where = f"{path}:{field_node.start_mark.line + 1}"
        if name in fields:
            warn(Kind.entity, "entry %r gives field %r twice: keep one", key, name,
                 location=field_where)
            continue
        if name not in ENTRY_FIELDS:
            warn(Kind.entity, "entry %r has unknown field %r; known fields: %s",
                 key, name, ", ".join(ENTRY_FIELDS), location=field_where)
            continue
        value = data[name]
        expected, _ = ENTRY_FIELDS[name]
        if expected is list and isinstance(value, str):
            value = [value]
        ok = isinstance(value, expected) and (
            expected is not list or all(isinstance(v, str) for v in value)) and (
            expected is not dict or all(isinstance(k, str) and isinstance(v, str)
                                        for k, v in value.items()))
        if not ok:
            kind = {list: "a list of texts", dict: "a mapping of language to name",
                    str: "text"}[expected]
            warn(Kind.entity, "field %r of entry %r must be %s, not %r", name, key,
                 kind, value, location=field_where)
            continue
        fields[name] = value
    for name, (_, required) in ENTRY_FIELDS.items():
        if required and name not in fields:
            warn(Kind.entity, "entry %r has no %r field", key, name, location=where)
            return None
    if fields["kind"] not in KINDS:
        warn(Kind.entity, "entry %r has kind %r; use one of %s", key, fields["kind"],
             ", ".join(KINDS), location=where)
        return None
    if fields.get("identification") and not fields.get("witness") \
            and not fields.get("source"):
        warn(Kind.entity, "entry %r has an identification but no 'witness' field: say "
             "where the witness supports it (e.g. 'note 2', '¶ 9')", key, location=where)
    check_basis(key, fields, where)
    return Entity(
        key=key, kind=fields["kind"], standard=fields["standard"],
        spelled=tuple(fields.get("spelled", ())),
        original=tuple(fields.get("original", {}).items()),
        identification=fields.get("identification", ""),
        witness=tuple(fields.get("witness", ())),
        unmarked=fields.get("unmarked", ""), line=line, source=fields.get("source", ""),
    )


#: the reference work whose forms the build can check itself
CLDR = "cldr"


def standard_in_text(standard: str, spelled: list[str]) -> bool:
    """Whether a standard form is one of the text's spellings: as written,
    inverted (``Khrushchev, Nikita``), with a qualifier (``Politburo (Soviet)``)
    or without the text's article (``the Fixture Office``)."""
    bare = re.sub(r"\s*\([^)]*\)$", "", standard).strip()
    forms = {standard, bare, " ".join(reversed([p.strip() for p in bare.split(",", 1)]))}
    texts = {re.sub(r"^the\s+", "", s, flags=re.I).casefold() for s in spelled}
    return any(f.casefold() in texts | {s.casefold() for s in spelled} for f in forms)


def cldr_names(lang: str) -> set[str]:
    """Names CLDR (as Babel ships it) gives in *lang*: territories and the
    exemplar cities of time zones."""
    try:
        from babel import Locale

        locale = Locale.parse(lang.replace("-", "_"))
    except Exception:  # not a locale CLDR knows
        return set()
    names = set(locale.territories.values())
    names |= {zone.get("city") for zone in locale.time_zones.values() if zone.get("city")}
    return names


def check_basis(key: str, fields: dict[str, Any], where: str) -> None:
    """Every fact of an entry that the witness does not state has a basis."""
    source = fields.get("source", "")
    if fields.get("original") and not source:
        warn(Kind.entity, "entry %r gives a name in original script, which the witness "
             "does not give, without a 'source': name its basis (a key of bib/ or a "
             "reference work, e.g. 'cldr'), or remove the form", key, location=where)
    if not source and fields.get("spelled") and \
            not standard_in_text(fields.get("standard", ""), fields["spelled"]):
        warn(Kind.entity, "entry %r has the standard form %r, which is none of the text's "
             "spellings: name its basis in 'source', or use a spelling of the text",
             key, fields.get("standard", ""), location=where)
    if source.strip().casefold() == CLDR:
        for lang, name in fields.get("original", {}).items():
            if name not in cldr_names(lang):
                warn(Kind.entity, "entry %r: CLDR gives no name %r in %r; correct the "
                     "form, or name the source it comes from", key, name, lang,
                     location=where)


# --- the domain --------------------------------------------------------------

class EntityDomain(Domain):
    """Entities (read from the data file) and, per document, their mentions."""

    name = "entity"
    label = "Entities"
    object_types = {kind: ObjType(kind, kind) for kind in KINDS}
    initial_data: dict[str, Any] = {
        #: key -> Entity; read afresh from the data file before each build
        "entities": {},
        #: docname -> list of MentionRecord, in document order
        "mentions": {},
        #: docname -> kinds whose register the document holds (registers.py)
        "registers": {},
    }

    @property
    def entities(self) -> dict[str, Entity]:
        return self.data.setdefault("entities", {})

    @property
    def mentions(self) -> dict[str, list[MentionRecord]]:
        return self.data.setdefault("mentions", {})

    @property
    def registers(self) -> dict[str, list[str]]:
        return self.data.setdefault("registers", {})

    def register_doc(self, kind: str) -> str:
        """The document that holds the register of *kind* ("" when none)."""
        return next((doc for doc in sorted(self.registers)
                     if kind in self.registers[doc]), "")

    def mentions_of(self, key: str) -> list[tuple[str, MentionRecord]]:
        """Every mention of *key*: (docname, record), edited text first."""
        found = [(doc, m) for doc, records in self.mentions.items()
                 for m in records if m.key == key]
        return sorted(found, key=lambda dm: (dm[1].order[0] == 3, dm[0], dm[1].order))

    def clear_doc(self, docname: str) -> None:
        self.mentions.pop(docname, None)
        self.registers.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for field in ("mentions", "registers"):
            for docname, value in otherdata.get(field, {}).items():
                if docname in docnames:
                    self.data.setdefault(field, {})[docname] = value

    def resolve_any_xref(self, *args: Any) -> list[tuple[str, nodes.Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        # Entries in the search index and objects.inv, e.g. "Gomułka, Władysław".
        for entity in self.entities.values():
            docname = self.register_doc(entity.kind)
            if docname:
                yield entity.key, entity.standard, entity.kind, docname, entity.key, 1


def get_domain(env: Any) -> EntityDomain:
    return env.get_domain("entity")  # type: ignore[return-value]


def read_data_file(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Load the entities before any document is read (also by parallel readers)."""
    get_domain(env).data["entities"] = load_entities(entities_path(app))


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


def where_in_text(node: nodes.Node) -> tuple[str, tuple[int, int]]:
    """Label and order of the place a mention stands in: ¶ n, note n, header."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, unit) and parent.get("n"):
            return f"¶ {parent['n']}", (1, parent["n"])
        if isinstance(parent, nodes.footnote) and parent.children and \
                isinstance(parent[0], nodes.label):
            label = parent[0].astext()
            return f"note {label}", (2, int(label) if label.isdigit() else 0)
        if isinstance(parent, document_header):
            return "header", (0, 0)
        parent = parent.parent
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
            records.append(MentionRecord(key, node.astext(), anchor, label, order,
                                         node.line or 0))
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
                if name not in HEADER_FIELDS or name not in meta:
                    continue
                names = meta[name] if isinstance(meta[name], list) else [meta[name]]
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


class MentionLinkTransform(SphinxPostTransform):
    """Link each mention to its entry in the register of its kind."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in self.document.findall(mention):
            entity = domain.entities.get(node["key"])
            todoc = domain.register_doc(entity.kind) if entity else ""
            if not todoc or not node.get("ids") or \
                    any(isinstance(c, nodes.reference) for c in node.children):
                continue
            try:
                ref = make_refnode(self.app.builder, self.env.docname, todoc, entity.key,
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
    self.body.append(self.starttag(node, "span", "", **{"data-entity": node["key"]}))


def depart_mention_html(self: Any, node: mention) -> None:
    self.body.append("</span>")


def visit_mention_latex(self: Any, node: mention) -> None:
    # anchor only: the index entry (for persons) stands just before
    if node.get("ids"):
        self.body.append(self.hypertarget_to(node, anchor=True))


def depart_passthrough(self: Any, node: nodes.Node) -> None:
    pass


def visit_passthrough(self: Any, node: nodes.Node) -> None:
    pass


def title_index(app: Sphinx, config: Any) -> None:
    """Call the PDF's index by what it holds: by default, the index of persons."""
    kinds = list(config.edition_indexed_kinds)
    if not kinds:
        return
    names = " and ".join(HEADINGS_PLURAL[k].lower() for k in kinds)
    title = rf"\renewcommand{{\indexname}}{{Index of {names}}}"
    # a project's own printindex (the edition's prints only a non-empty
    # index, then its colophon) keeps its command and gets the title
    printindex = config.latex_elements.get("printindex", r"\printindex")
    if r"\indexname" not in printindex:
        config.latex_elements["printindex"] = title + printindex


def prepare_index_tools(app: Sphinx, exception: Exception | None) -> None:
    """Make the PDF's index of persons come out right however TeX is run.

    * Sphinx's ``sphinx.xdy`` sets no separator for xindy's page ranges, so a
      person named on pages 2, 3 and 4 would be listed "24": one line of xindy
      style restores "2--4".
    * Sphinx passes xindy its options (language, encoding, ``sphinx.xdy``)
      through ``XINDYOPTS``, which only its Makefile sets; ``latexmk`` run
      directly in the folder (as tests and editors do) would call xindy without
      them and fail. The folder's ``latexmkrc`` gets the Makefile's value as a
      default.
    """
    if exception is not None or app.builder.format != "latex":
        return
    outdir = Path(app.outdir)
    style = outdir / "sphinx.xdy"
    rule = '(markup-range :sep "--")'
    if style.is_file() and rule not in style.read_text(encoding="utf-8"):
        with style.open("a", encoding="utf-8") as handle:
            handle.write(f"\n;; edition (entities.py): a dash in page ranges\n{rule}\n")
    makefile, latexmkrc = outdir / "Makefile", outdir / "latexmkrc"
    if not (makefile.is_file() and latexmkrc.is_file()):
        return
    match = re.search(r"^export XINDYOPTS = (.*)$", makefile.read_text(encoding="utf-8"),
                      re.MULTILINE)
    rc = latexmkrc.read_text(encoding="utf-8")
    plain = "$ENV{'XINDYOPTS'}"
    if match and plain in rc:
        default = match.group(1).strip().replace("\\", "\\\\").replace("'", "\\'")
        latexmkrc.write_text(rc.replace(plain, f"($ENV{{'XINDYOPTS'}} // '{default}')"),
                             encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("edition_entities_file", "entities.yaml", "env", types=frozenset({str}),
                         description="The registers' data file, relative to the source folder.")
    app.add_config_value("edition_indexed_kinds", ("person",), "env",
                         types=frozenset({tuple, list}),
                         description="Entity kinds whose mentions go into the index "
                                     "(the PDF's index of persons).")
    app.add_domain(EntityDomain)
    app.connect("config-inited", title_index)
    app.connect("env-before-read-docs", read_data_file)
    app.connect("env-check-consistency", check_consistency)
    app.connect("build-finished", prepare_index_tools)
    for role, kind in ROLES.items():
        app.add_role(role, MentionRole(kind))
    app.add_transform(MentionTransform)
    app.add_post_transform(MentionLinkTransform)
    app.add_node(mention, html=(visit_mention_html, depart_mention_html),
                 latex=(visit_mention_latex, depart_passthrough),
                 text=(visit_passthrough, depart_passthrough),
                 man=(visit_passthrough, depart_passthrough),
                 texinfo=(visit_passthrough, depart_passthrough))
