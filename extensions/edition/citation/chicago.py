"""Chicago notes and bibliography (18th edition, 2024) as a pybtex style.

The edition's bibliography page and its note citations are written in the
notes-bibliography system of *The Chicago Manual of Style*. Three forms of one
``bib/`` entry:

* :func:`note` -- the full note, used at a work's first citation::

    Shi Zhongquan 石仲泉, *Zhou Enlai de zhuoyue fengxian* 周恩来的卓越奉献
    [Remarkable Achievements and Contributions of Zhou Enlai] (Beijing:
    Zhonggong zhongyang dangxiao chubanshe, 1993), 302–5

* :func:`note` with ``short=True`` -- the short note after it
  (``Shi, *Zhou Enlai de zhuoyue fengxian*, 299–300``);
* :func:`bibliography` -- the bibliography entry.

Works in Chinese give the romanised title, the title in characters
(``title-original``, where an entry has it with its ``source``) and the English
translation in brackets (``title-translation``), sentence-style and roman, as
CMOS 11.91 and 14.98 prescribe; the same holds for names (``author-original``),
publishers and newspapers. A work known only by an English rendering of its
title (``title-translation`` without ``title``) is cited by that rendering in
brackets. A title's straight quotation marks become curly ones, single inside
the double marks that enclose the title (CMOS 6.11): ``'My Observations...'``
in the record's title is ``‘My Observations...’`` in a citation. Names of persons whose
entry says ``name-order = {family-first}`` are written family name first and
never inverted (``Zhou Enlai``; short form ``Zhou``). Page ranges are
abbreviated by CMOS 9.64 (``302–5``, ``299–300``).

Every form is pybtex rich text, so the same entry renders into docutils nodes
(HTML, LaTeX, text: each writer escapes it), plain text and HTML.
:class:`ChicagoStyle` is the pybtex plugin (``bibtex_default_style =
"chicago"``); :func:`setup` registers it. pybtex's own template language could
express the plain cases, but not the punctuation that moves inside quotation
marks, the original-script parts or the name order, so the forms are built
here in Python on pybtex's rich text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import BaseText, HRef, String, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from ..text.typography import CLOSE_QUOTE, OPEN_QUOTE
from ..util import per_entry
from .pybtex_plugins import register_forced

STYLE_NAME = "chicago"

EN_DASH = "\u2013"
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
MONTH_ABBREVIATIONS = {m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)}


# --- fields ------------------------------------------------------------------

def latex_text(value: str, entry: Entry | None = None) -> BaseText:
    """A field's LaTeX as rich text (``{\\&}`` -> ``&``); never raises.

    Entries made from a document's metadata (not from ``bib/``) hold plain
    text: they say so with ``plain_text = True`` and are taken as written.
    """
    if entry is not None and getattr(entry, "plain_text", False):
        return Text(String(value))
    # pybtex reads a bare % as a LaTeX comment and drops the rest of the
    # field; in a bibliography field it is a character, so keep it.
    return _from_latex(re.sub(r"(?<!\\)%", r"\\%", value))


@lru_cache(maxsize=4096)
def _from_latex(value: str) -> BaseText:
    """pybtex's LaTeX parse, once per field value (every citation of an entry
    reads the same fields again; the result is never changed in place)."""
    try:
        return Text.from_latex(value)
    except Exception:  # malformed LaTeX in a field: keep its characters as they are
        return Text(String(value))


def field(entry: Entry, name: str) -> BaseText | None:
    value = entry.fields.get(name, "").strip()
    return latex_text(value, entry) if value else None


def curly(value: str) -> str:
    """Straight quotation marks -> curly ones (a title's own quotation is
    single inside the citation's double marks, CMOS 6.11); an apostrophe is a
    closing single mark."""
    value = re.sub(r"(^|[\s(\[\u201c\u2018])'", "\\1\u2018", value)
    value = value.replace("'", "\u2019")
    value = re.sub(r'(^|[\s(\[\u2018])"', "\\1\u201c", value)
    return value.replace('"', "\u201d")


def curly_text(text: BaseText) -> BaseText:
    """:func:`curly` applied to the words of rich text (markup kept)."""
    if isinstance(text, String):
        return String(curly(text.value))
    if isinstance(text, str):
        return curly(text)
    parts = getattr(text, "parts", None)
    if parts is None:
        return text
    return text._create_similar([curly_text(part) for part in parts])


def title_field(entry: Entry, name: str) -> BaseText | None:
    """A title as a citation prints it: curly quotation marks."""
    text = field(entry, name)
    return curly_text(text) if text is not None else None


def sentence_style(text: BaseText) -> BaseText:
    """Sentence-style capitalisation (CMOS 8.158) for a translated title in
    brackets; words in braces in bib/ (proper nouns) keep their capitals."""
    return text.lower().capfirst()


def translation_piece(entry: Entry, name: str) -> BaseText | None:
    """``[Remarkable achievements and contributions of Zhou Enlai]``: roman,
    sentence-style, in brackets."""
    text = field(entry, name)
    if text is None:
        return None
    return Text("[", curly_text(sentence_style(text)), "]")


def plain(entry: Entry, name: str) -> str:
    text = field(entry, name)
    return text.render_as("text") if text is not None else ""


def persons(entry: Entry, role: str) -> list[Person]:
    """Persons of a role; roles pybtex does not parse (translator) are split here."""
    if role in entry.persons:
        return list(entry.persons[role])
    value = entry.fields.get(role, "").strip()
    if not value:
        return []
    from pybtex.bibtex.utils import split_name_list

    return [Person(name) for name in split_name_list(value)]


def family_first(entry: Entry) -> bool:
    return entry.fields.get("name-order", "").strip().lower() == "family-first"


def _part(names: list[str]) -> str:
    return " ".join(names)


def person_name(person: Person, *, east_asian: bool, inverted: bool = False,
                entry: Entry | None = None) -> str:
    """``Zhou Enlai`` (family first), ``Jane Smith``, or ``Smith, Jane`` (inverted)."""
    family = _part(person.prelast_names + person.last_names)
    given = _part(person.first_names + person.middle_names)
    lineage = _part(person.lineage_names)
    if east_asian or not given:
        name = f"{family} {given}".strip()
    elif inverted:
        name = f"{family}, {given}"
    else:
        name = f"{given} {family}"
    if lineage:
        name += f", {lineage}"
    return latex_text(name, entry).render_as("text")


def family_name(person: Person, entry: Entry | None = None) -> str:
    return latex_text(_part(person.prelast_names + person.last_names), entry).render_as("text")


def join_names(names: list[str]) -> str:
    """Chicago: ``A``, ``A and B``, ``A, B, and C``."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def names_text(entry: Entry, role: str, *, bibliography: bool = False) -> str:
    people = persons(entry, role)
    east_asian = family_first(entry)
    written = [person_name(p, east_asian=east_asian, inverted=bibliography and i == 0,
                           entry=entry)
               for i, p in enumerate(people)]
    return join_names(written)


def original_name(entry: Entry) -> str:
    return plain(entry, "author-original")


def short_names(entry: Entry) -> str:
    people = persons(entry, "author")
    families = [family_name(p, entry) for p in people]
    if len(families) > 3:
        return f"{families[0]} et al."
    return join_names(families)


# --- dates and locators --------------------------------------------------------

def date_parts(entry: Entry) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) from ``date`` (YYYY[-MM[-DD]]) or ``year``/``month``."""
    raw = entry.fields.get("date", "").strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", raw)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        return year, month, day  # type: ignore[return-value]
    year_text = entry.fields.get("year", "").strip()
    if not year_text.isdigit():
        return None
    month_text = entry.fields.get("month", "").strip().lower()[:3]
    month = MONTH_ABBREVIATIONS.get(month_text) or (int(month_text) if month_text.isdigit() else None)
    return int(year_text), month, None


def format_date(entry: Entry) -> str:
    """``January 24, 1957``, ``January 1957`` or ``1957`` (CMOS 6.41)."""
    parts = date_parts(entry)
    if parts is None:
        return ""
    year, month, day = parts
    if month and day:
        return f"{MONTHS[month - 1]} {day}, {year}"
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)


def abbreviate_range(first: str, last: str) -> str:
    """Inclusive numbers by CMOS 9.64: 302–5, 321–28, 299–300, 1496–1504."""
    if not (first.isdigit() and last.isdigit()) or int(last) <= int(first):
        return f"{first}{EN_DASH}{last}"
    a, b = int(first), int(last)
    if a < 100 or a % 100 == 0 or len(first) != len(last):
        return f"{first}{EN_DASH}{last}"
    changed = next(i for i, (x, y) in enumerate(zip(first, last)) if x != y)
    tail = last[changed:]
    if len(first) == 4 and len(tail) >= 3:
        return f"{first}{EN_DASH}{last}"
    if 1 <= a % 100 <= 9:
        tail = tail.lstrip("0") or "0"  # 101 through 109: the changed part only
    elif len(tail) < 2:
        tail = last[-2:]  # 110 through 199: at least two digits
    return f"{first}{EN_DASH}{tail}"


def format_locator(locator: str) -> str:
    """``302-305`` -> ``302–5``; ranges in a list too; anything else unchanged."""
    def one(match: re.Match[str]) -> str:
        return abbreviate_range(match.group(1), match.group(2))

    return re.sub(r"(\d+)\s*(?:-{1,2}|\u2013)\s*(\d+)", one, locator.strip())


# --- pieces and punctuation -----------------------------------------------------

class Quoted:
    """A title in quotation marks: a following comma or period goes inside."""

    def __init__(self, text: BaseText) -> None:
        self.text = text


Piece = BaseText | Quoted | str


def title_piece(entry: Entry, *, italic: bool, short: bool = False) -> list[Piece]:
    """Romanised title, then characters and [translation] for other scripts."""
    if not entry.fields.get("title") and entry.fields.get("title-translation"):
        # known only by an English rendering: that rendering, in brackets
        name = "shorttitle-translation" if short and \
            entry.fields.get("shorttitle-translation") else "title-translation"
        return [translation_piece(entry, name)]
    name = "shorttitle" if short and entry.fields.get("shorttitle") else "title"
    title = title_field(entry, name) or Text("[untitled]")
    main: Piece = Tag("em", title) if italic else Quoted(title)
    if short:
        return [main]
    pieces: list[Piece] = [main]
    original = field(entry, "title-original")
    translation = translation_piece(entry, "title-translation")
    if original is not None:
        pieces.append(Text(" ", original))
    if translation is not None:
        pieces.append(Text(" ", translation))
    return pieces


def container_piece(entry: Entry, name: str, *, with_original: bool = True) -> Text | None:
    """A newspaper, journal or collection: italic, with characters and translation."""
    value = field(entry, name)
    if value is None:
        return None
    parts: list[BaseText] = [Tag("em", value)]
    if with_original:
        original = field(entry, f"{name}-original")
        translation = translation_piece(entry, f"{name}-translation")
        if original is not None:
            parts.append(Text(" ", original))
        if translation is not None:
            parts.append(Text(" ", translation))
    return Text(*parts)


def is_empty(piece: Piece | None) -> bool:
    if piece is None:
        return True
    if isinstance(piece, Quoted):
        return False
    return not (piece if isinstance(piece, str) else piece.render_as("text"))


def render(groups: list[list[Piece]], sep: str) -> Text:
    """Join groups with *sep*; a group is pieces written without separator.

    A group that ends with a quoted title takes the separator's punctuation
    inside the closing quotation mark (American usage, CMOS 6.9).
    """
    out: list[BaseText | str] = []
    groups = [g for g in groups if any(not is_empty(p) for p in g)]
    for index, group in enumerate(groups):
        last = index == len(groups) - 1
        for position, piece in enumerate(group):
            if isinstance(piece, Quoted):
                ends_group = position == len(group) - 1
                inside = sep[0] if ends_group and not last and sep[0] in ",." else ""
                out.append(Text(OPEN_QUOTE, piece.text, inside, CLOSE_QUOTE))
                if inside:
                    out.append(sep[1:])
                    break
            else:
                out.append(piece)
        else:
            if not last:
                out.append(sep)
    return Text(*out)


def url_piece(entry: Entry) -> Text | None:
    url = entry.fields.get("url", "").strip()
    if not url:
        return None
    return Text(HRef(url, url))


def author_piece(entry: Entry, *, bibliography: bool) -> str:
    written = names_text(entry, "author", bibliography=bibliography)
    original = original_name(entry)
    return f"{written} {original}" if written and original else written


def record_piece(entry: Entry) -> str:
    number = plain(entry, "number")
    return f"record {number}" if number else ""


def translators(entry: Entry, *, bibliography: bool) -> str:
    names = names_text(entry, "translator")
    if not names:
        return ""
    return f"Translated by {names}" if bibliography else f"trans. {names}"


def editors(entry: Entry, *, bibliography: bool) -> str:
    """``ed. A and B`` in a note, ``Edited by A and B`` in the bibliography."""
    names = names_text(entry, "editor")
    if not names:
        return ""
    return f"Edited by {names}" if bibliography else f"ed. {names}"


def version_piece(entry: Entry, *, bibliography: bool) -> str:
    version = plain(entry, "version")
    if not version:
        return ""
    return f"{'Version' if bibliography else 'version'} {version}"


def publication_facts(entry: Entry, *, bibliography: bool) -> str:
    """``Beijing: Publisher, 1993`` (with the publisher's characters in the bibliography)."""
    place = plain(entry, "address") or plain(entry, "location")
    publisher = plain(entry, "publisher")
    if bibliography and publisher and plain(entry, "publisher-original"):
        publisher = f"{publisher} {plain(entry, 'publisher-original')}"
    parts = date_parts(entry)
    year = str(parts[0]) if parts else ""
    facts = ": ".join(p for p in (place, publisher) if p)
    return ", ".join(p for p in (facts, year) if p)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the three forms -------------------------------------------------------------

@per_entry
def note(entry: Entry, locator: str = "", *, short: bool = False) -> Text:
    """The note form (full, or short after a first citation), without final period."""
    locator = format_locator(locator) if locator else ""
    italic = entry.type in {"book", "proceedings", "manual"}
    if short:
        names = short_names(entry)
        groups: list[list[Piece]] = [[names] if names else [],
                                     title_piece(entry, italic=italic, short=True),
                                     [locator] if locator else []]
        return render(groups, ", ")
    author = author_piece(entry, bibliography=False)
    if entry.type == "book":
        facts = publication_facts(entry, bibliography=False)
        head = render([[author] if author else [],
                       title_piece(entry, italic=True),
                       [translators(entry, bibliography=False)],
                       [editors(entry, bibliography=False)],
                       [version_piece(entry, bibliography=False)]], ", ")
        body: list[list[Piece]] = [[head, f" ({facts})" if facts else ""],
                                   [locator] if locator else []]
        url = url_piece(entry)
        return render(body + [[url] if url else []], ", ")
    if entry.type == "article":
        groups = [[author] if author else [],
                  title_piece(entry, italic=False),
                  [container_piece(entry, "journal")] if entry.fields.get("journal") else [],
                  [format_date(entry)], [locator] if locator else []]
        url = url_piece(entry)
        return render(groups + [[url] if url else []], ", ")
    # an archival document, a declaration, a document in an edition
    groups = [[author] if author else [],
              title_piece(entry, italic=False),
              [format_date(entry)],
              [translators(entry, bibliography=False)],
              ]
    container = container_piece(entry, "booktitle", with_original=False)
    if container is not None:
        groups.append([Text("in ", container)])
        groups.append([editors(entry, bibliography=False)])
        groups.append([version_piece(entry, bibliography=False)])
        groups.append([plain(entry, "publisher")])
    groups += [[record_piece(entry)], [plain(entry, "organization") or plain(entry, "howpublished")],
               [locator] if locator else []]
    url = url_piece(entry)
    return render(groups + [[url] if url else []], ", ")


@per_entry
def bibliography(entry: Entry) -> Text:
    """The bibliography entry, ending with a period."""
    author = author_piece(entry, bibliography=True)
    url = url_piece(entry)
    if entry.type == "book":
        groups: list[list[Piece]] = [
            [author] if author else [], title_piece(entry, italic=True),
            [translators(entry, bibliography=True)],
            [editors(entry, bibliography=True)],
            [version_piece(entry, bibliography=True)],
            [publication_facts(entry, bibliography=True)], [url] if url else []]
    elif entry.type == "article":
        journal = container_piece(entry, "journal")
        if author:
            groups = [[author], title_piece(entry, italic=False),
                      [journal, ", ", format_date(entry)] if journal else [format_date(entry)],
                      [url] if url else []]
        else:  # unsigned newspaper pieces are listed under the paper (CMOS 14.89)
            groups = [[journal] if journal else [], title_piece(entry, italic=False),
                      [format_date(entry)], [url] if url else []]
    else:
        groups = [[author] if author else [], title_piece(entry, italic=False),
                  [format_date(entry)], [translators(entry, bibliography=True)]]
        container = container_piece(entry, "booktitle", with_original=False)
        if container is not None:
            after = ", ".join(p for p in (editors(entry, bibliography=False).replace(
                "ed. ", "edited by ", 1), version_piece(entry, bibliography=False),
                plain(entry, "publisher")) if p)
            groups.append([Text("In ", container, ", " + after if after else "")])
        record = record_piece(entry)
        groups += [[capitalise(record)] if record else [],
                   [plain(entry, "organization") or plain(entry, "howpublished")],
                   [url] if url else []]
    return Text(render(groups, ". "), ".")


def sort_key(entry: Entry) -> str:
    """Alphabetical by the entry's first element, as printed (CMOS 14.66)."""
    lead = bibliography(entry).render_as("text")
    return re.sub(r"[^\w\s]", "", lead).casefold()


# --- the pybtex plugin ----------------------------------------------------------------

class ChicagoStyle(BaseStyle):
    """pybtex formatting style: Chicago bibliography entries, sorted by author."""

    default_label_style = "number"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sort = self.sort_entries  # BaseStyle binds its sorting plugin here

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        return FormattedEntry(entry.key, bibliography(entry), label)

    def sort_entries(self, entries: Any) -> list[Entry]:
        return sorted(entries, key=sort_key)


def setup(app: Any) -> None:
    # forced: a second Sphinx application in one process (tests) registers
    # again; without pybtex's scan of the entry points (see pybtex_plugins)
    register_forced("pybtex.style.formatting", STYLE_NAME, ChicagoStyle)
