"""Small helpers that every concern of the edition shares.

* :func:`ancestors`: the elements around a node, innermost first;
* :data:`PASS` and :data:`SKIP`: visitors for a node that adds nothing of its
  own in an output (its children are written) or that an output leaves out;
* :class:`DocumentDataDomain`: a Sphinx domain that keeps data per document,
  so that Sphinx can forget a document and merge what parallel readers read;
* :class:`Schema`: the typed fields of a mapping an editor writes (a
  document's front matter, an entry of the registers), checked one way;
* :func:`build_time`: the one date of a build (``SOURCE_DATE_EPOCH``);
* :data:`PACKAGE_DIR`: where the extension's assets (``static/``, ``theme/``,
  ``latex/``) are.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from pathlib import Path
from typing import Any, ClassVar

import yaml
from docutils import nodes
from sphinx.domains import Domain

#: the folder of the ``edition`` package, which holds its asset folders
PACKAGE_DIR = Path(__file__).parent

#: libyaml's loader where PyYAML was built with it (its nodes keep their lines
#: too), else PyYAML's own: the same nodes, several times faster. Editors'
#: YAML (front matter, the registers' data file) is read with it.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: formats of the plain-text outputs (``text``, and ``man`` and ``texinfo``, which
#: read as text): they cannot set the edition's words apart from the witness's
#: by class, colour or link, so the block the edition appends to a document
#: (how to cite it) is left out there, and the edition's marks take the forms of
#: :mod:`edition.outputs.plain`
PLAIN_TEXT_FORMATS = ("text", "man", "texinfo")


def build_time() -> dt.datetime:
    """When this build is dated (UTC): ``SOURCE_DATE_EPOCH`` if set, else now.

    Reproducible builds set the variable, and every output that records a
    time (the PDF's metadata, the EPUB's zip entries) takes this one.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        return dt.datetime.fromtimestamp(float(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


#: the builders whose pages go through :func:`before_translation`'s functions
TRANSLATED_BY_EDITION = ("html", "dirhtml")
#: function(builder, docname, doctree) -> its priority (lower first)
_before_translation: dict[Callable[[Any, str, nodes.document], None], int] = {}


def before_translation(function: Callable[[Any, str, nodes.document], None],
                       priority: int = 500) -> None:
    """Have *function* see each resolved page of an HTML build just before it
    is translated (``edition.outputs.html.EditionTranslator``), in the process
    that writes it.

    Work that only the page's own output needs belongs there rather than in
    a ``doctree-resolved`` handler: a ``-j`` build resolves every page in its
    main process, one after the other, and writes them in a worker; what runs
    at translation runs in the worker, beside the main process.
    """
    _before_translation[function] = priority


def translation_steps() -> list[Callable[[Any, str, nodes.document], None]]:
    return sorted(_before_translation, key=lambda f: (_before_translation[f], f.__module__))


def per_entry(function: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a form of a bibliography entry by the entry and the arguments
    (``note(entry, "302")``): a citation repeated in a collection asks pybtex
    to format the same entry again. Entries are pybtex objects, which cannot
    be hashed: the cache holds them by identity, and forgets one when it goes.
    The form returned is shared, so it is never changed in place."""
    cache: dict[int, tuple[weakref.ref, dict[Any, Any]]] = {}

    @functools.wraps(function)
    def cached(entry: Any, *args: Any, **kwargs: Any) -> Any:
        held = cache.get(id(entry))
        if held is None or held[0]() is not entry:
            try:
                ref = weakref.ref(entry, lambda _, key=id(entry): cache.pop(key, None))
            except TypeError:  # not an object a weak reference can hold
                return function(entry, *args, **kwargs)
            held = cache[id(entry)] = (ref, {})
        key = (args, tuple(sorted(kwargs.items())))
        if key not in held[1]:
            held[1][key] = function(entry, *args, **kwargs)
        return held[1][key]

    return cached


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """The elements that contain *node*, innermost first."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


# --- the language of the edition's own words -----------------------------------

def lang_attributes(translator: Any, lang: str) -> dict[str, str]:
    """``lang`` for an HTML start tag, with ``xml:lang`` in the EPUB's XHTML
    (which reading systems look for)."""
    attrs = {"lang": lang}
    if translator.builder.name.startswith("epub"):
        attrs["xml:lang"] = lang
    return attrs


def own_words_attributes(translator: Any, node: nodes.Node) -> dict[str, str]:
    """``lang`` for the edition's own words (commentary, a slot's status, a
    provenance line) written at *node* where they stand inside a passage in
    another language (the nearest ``lang`` of the node or around it), such as
    an original side in Chinese: the page's language otherwise holds, and
    nothing is written. Without it the words would be read aloud, hyphenated
    and set (quotation marks, fonts) as Chinese."""
    language = translator.config.language or "en"
    inside = next((a["lang"] for a in (node, *ancestors(node))
                   if isinstance(a, nodes.Element) and a.get("lang")), language)
    return lang_attributes(translator, language) if inside != language else {}


# --- visitors ----------------------------------------------------------------

def visit_pass(self: Any, node: nodes.Node) -> None:
    """Write nothing for the node itself; its children are written."""


def depart_pass(self: Any, node: nodes.Node) -> None:
    pass


def visit_skip(self: Any, node: nodes.Node) -> None:
    """Leave the node and its children out of this output."""
    raise nodes.SkipNode


#: visitors of a node whose children are all an output needs
PASS = (visit_pass, depart_pass)
#: visitors of a node that an output leaves out
SKIP = (visit_skip, None)


# --- data per document ------------------------------------------------------------

class DocumentDataDomain(Domain):
    """A domain that only stores data, keyed by document name.

    Each key of :attr:`per_document` maps docname -> that document's data;
    :meth:`clear_doc` forgets a document and :meth:`merge_domaindata` takes
    what a parallel reader read, so a ``-j`` build holds the same data as a
    serial one. The domain resolves no cross-references.
    """

    #: keys of ``self.data`` that hold a mapping docname -> data
    per_document: ClassVar[tuple[str, ...]] = ()

    def document_data(self, key: str) -> dict[str, Any]:
        return self.data.setdefault(key, {})

    def clear_doc(self, docname: str) -> None:
        for key in self.per_document:
            self.document_data(key).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    self.document_data(key)[docname] = value

    def resolve_any_xref(self, *args: Any) -> list[tuple[str, nodes.Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()


# --- typed fields of editors' data ---------------------------------------------------

class Schema:
    """Typed fields of a mapping: name -> (type, required).

    A field's type is ``str`` (text), ``list`` (a list of texts; one text is
    taken as a list of one) or ``dict`` (a mapping of text to text). A number
    or a date written where text is expected is taken as its text (YAML reads
    ``1957-01-24`` as a date and ``117033`` as a number).
    """

    #: how a warning names each type to an editor, unless a schema says otherwise
    KINDS: ClassVar[dict[type, str]] = {str: "text", list: "a list of texts",
                                        dict: "a mapping of language to name"}

    def __init__(self, fields: Mapping[str, tuple[type, bool]],
                 kinds: Mapping[type, str] | None = None) -> None:
        self.fields = dict(fields)
        self.kinds = {**self.KINDS, **(kinds or {})}

    def __contains__(self, name: object) -> bool:
        return name in self.fields

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def names(self) -> str:
        """The known field names, for a warning: ``title, date, author``."""
        return ", ".join(self.fields)

    def coerce(self, name: str, value: Any) -> tuple[bool, Any]:
        """(ok, value) of field *name*: the value in its type, or not ok."""
        expected, _ = self.fields[name]
        if expected is list and isinstance(value, str):
            value = [value]
        if expected is str and isinstance(value, (int, float, dt.date)) and \
                not isinstance(value, bool):
            value = value.isoformat() if isinstance(value, dt.date) else str(value)
        ok = isinstance(value, expected) and (
            expected is not list or all(isinstance(v, str) for v in value)) and (
            expected is not dict or all(isinstance(k, str) and isinstance(v, str)
                                        for k, v in value.items()))
        return ok, value

    def kind(self, name: str) -> str:
        """How a warning names what field *name* must be: ``a list of names``."""
        return self.kinds[self.fields[name][0]]

    def missing(self, present: Iterable[str]) -> list[str]:
        """Required fields that are not in *present*, in the schema's order."""
        have = set(present)
        return [name for name, (_, required) in self.fields.items()
                if required and name not in have]
