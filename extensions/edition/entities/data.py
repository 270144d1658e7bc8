"""The registers' data file: every entity, defined once under a stable key.

The entities live in one data file, ``source/entities.yaml``
(``edition_entities_file``), one entry per entity::

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
pointer (:func:`check_basis`). The fields are checked by the same
:class:`~edition.util.Schema` as a document's front matter, and each problem of
the file is a warning of kind ``entity`` with its line. Each entry becomes an
:class:`~edition.model.records.Entity`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Kind, warn
from ..model.records import Entity
from ..util import YAML_LOADER, Schema

#: entity kinds, in register order
KINDS = ("person", "place", "organisation", "publication")
HEADINGS_PLURAL = {"person": "Persons", "place": "Places",
                   "organisation": "Organisations", "publication": "Publications"}
#: fields of an entry in the data file: name -> (type, required)
ENTRY_FIELDS = Schema({
    "kind": (str, True),
    "standard": (str, True),
    "spelled": (list, False),
    "original": (dict, False),
    "identification": (str, False),
    "witness": (list, False),
    "unmarked": (str, False),
    "source": (str, False),
})


def default_key(text: str) -> str:
    """``Liu Xiao`` -> ``liu-xiao``: the key a mention without one points to."""
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")


def sort_key(text: str) -> str:
    """Alphabetical order that files Gomułka under G and Ł with L."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def entities_path(app_or_env: Any) -> Path:
    return Path(app_or_env.srcdir) / app_or_env.config.edition_entities_file



def data_stamp(path: Path) -> tuple[str, str, str] | None:
    """What the entities read from *path* depend on: the file's path and
    bytes, and the version of Babel, whose CLDR :func:`check_basis` reads;
    None when the file cannot be read."""
    import babel  # loaded already: Sphinx formats its dates with it

    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return str(path), digest, babel.__version__


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
        root = yaml.compose(text, Loader=YAML_LOADER)
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
        data = YAML_LOADER("").construct_document(node)
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
                 key, name, ENTRY_FIELDS.names(), location=field_where)
            continue
        ok, value = ENTRY_FIELDS.coerce(name, data[name])
        if not ok:
            warn(Kind.entity, "field %r of entry %r must be %s, not %r", name, key,
                 ENTRY_FIELDS.kind(name), value, location=field_where)
            continue
        fields[name] = value
    for name in ENTRY_FIELDS.missing(fields):
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


# --- the basis of what the witness does not say ----------------------------------

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


@lru_cache(maxsize=None)
def cldr_names(lang: str) -> frozenset[str]:
    """Names CLDR (as Babel ships it) gives in *lang*: territories and the
    exemplar cities of time zones."""
    try:
        from babel import Locale

        locale = Locale.parse(lang.replace("-", "_"))
    except Exception:  # not a locale CLDR knows
        return frozenset()
    names = set(locale.territories.values())
    names |= {zone.get("city") for zone in locale.time_zones.values() if zone.get("city")}
    return frozenset(names)


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
