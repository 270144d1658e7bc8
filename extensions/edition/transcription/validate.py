"""The checks of a filled packet: one function per rule, each problem named.

Every problem names the unit (as "¶ 3") and says what to fix; the import
writes nothing while one stands. The rules:

* **unit numbers** (:func:`check_numbers`): every unit of the document once,
  in order, none the document lacks; a packet that leaves units out must say
  ``Partial: yes``;
* **the header** (:func:`check_header`): the packet is for this document;
  the date is written YYYY-MM-DD; someone is named when text changes;
* **the text of a unit** (:func:`check_text`), for each unit whose text would
  change: in Unicode NFC; not English pasted into the Chinese field; mostly
  Chinese characters; no Latin letters unless marked ``{foreign}`…```;
  full-width punctuation beside Chinese characters; no line that Markdown
  would read as markup (a fence that would close the slot, a heading, a
  comment, raw HTML, a note definition, a list);
* **the English field** (:func:`check_english`): left as given (text typed
  into it would be lost);
* **pages** (:func:`check_pages`): the page fields and ``{pb}`` numbers are
  numbers, inside the source's pages, and go forward (the build's own rule,
  :func:`edition.text.pagebreak.check_sequence`);
* **empty units** are never skipped silently: the import lists each one, and
  a packet may not empty a slot that holds text (:func:`check_empty`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..text.pagebreak import PAGE, check_sequence, page_span

#: Chinese characters: the CJK Unified Ideographs, extensions A to H, and the
#: compatibility ideographs
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: markup a slot may hold: a role with its text, a note reference
MARKUP = re.compile(r"\{(?P<role>[\w:.+-]+)\}`(?P<text>[^`]*)`|\[\^[^\]\s]+\]")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
#: half-width punctuation -> the full-width form a Chinese text prints
FULL_WIDTH = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！",
              "(": "（", ")": "）", '"': "“ or ”", "'": "‘ or ’"}
ENGLISH_WORDS = frozenset("the of and to in that is was a for they we it not with as "
                          "their on this by have be are our but which".split())
#: least share of Chinese characters among the letters of a unit's text
MIN_HAN_SHARE = 0.8
#: most problems of one kind reported per unit (the rest: "and n more")
MAX_SHOWN = 3

#: line starts that Markdown would read as markup inside a slot: (pattern, why)
MARKUP_LINES = (
    (re.compile(r" {0,3}(:{3,}|`{3,}|~{3,})"), "a fence, which would end the slot"),
    (re.compile(r" {0,3}#{1,6}(\s|$)"), "'#', which Markdown reads as a heading"),
    (re.compile(r"\s*%"), "'%', which makes the line a comment (its words would be lost)"),
    (re.compile(r"\s*</?[A-Za-z]"), "'<', raw HTML, which the edition refuses"),
    (re.compile(r"\s*\[\^[^\]]+\]:"), "a note definition ('[^n]:')"),
    (re.compile(r" {0,3}([-*+]|\d+[.)])\s"), "a list marker, which Markdown reads as a list"),
    (re.compile(r" {0,3}>"), "'>', which Markdown reads as a quotation"),
)


@dataclass(frozen=True)
class Problem:
    """One problem of a packet: the unit it concerns ("" for the packet) and
    what is wrong and how to fix it."""

    unit: str
    message: str

    def __str__(self) -> str:
        return f"{label(self.unit)}: {self.message}" if self.unit else self.message


def label(unit: str) -> str:
    """``p3`` -> ``¶ 3``: how the packet and the editors name a unit."""
    return f"¶ {unit[1:]}" if re.fullmatch(r"p\d+", unit) else f"unit {unit!r}"


def _more(found: list[str]) -> str:
    shown = "; ".join(found[:MAX_SHOWN])
    return shown + (f" (and {len(found) - MAX_SHOWN} more)" if len(found) > MAX_SHOWN else "")


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, character {column}"


def blank_markup(text: str) -> str:
    """*text* with its markup (roles, note references) as spaces: same length,
    so that positions stay right, and marked Latin does not count as stray."""
    return MARKUP.sub(lambda m: " " * len(m.group(0)), text)


# --- the rules ----------------------------------------------------------------------

def check_numbers(numbers: list[str], document: list[str], partial: bool) -> list[Problem]:
    """Unit numbers: known, once each, in order, complete unless partial."""
    problems: list[Problem] = []
    seen: set[str] = set()
    last = 0
    for number in numbers:
        if not re.fullmatch(r"p[1-9][0-9]*", number):
            problems.append(Problem("", f"a unit is numbered {number!r}, not as '¶ n': "
                                    "correct its heading (e.g. '¶ 3')"))
            continue
        if number not in document:
            problems.append(Problem(number, f"the document has no such unit (its units "
                                    f"are ¶ 1 to ¶ {len(document)}): correct the number "
                                    "or remove the unit"))
            continue
        if number in seen:
            problems.append(Problem(number, "stands twice in the packet: keep one"))
            continue
        position = document.index(number) + 1
        if position < last:
            problems.append(Problem(number, f"comes after {label(document[last - 1])}: "
                                    "put the units in the order of the document"))
        seen.add(number)
        last = max(last, position)
    missing = [n for n in document if n not in seen]
    if missing and not partial:
        names = ", ".join(label(n) for n in missing)
        problems.append(Problem("", f"the packet lacks {names}: add "
                                f"{'them' if len(missing) > 1 else 'it'}, or write "
                                "'Partial: yes' in its header if it deliberately covers "
                                "only some units"))
    return problems


def check_header(document: str, docname: str, date: str) -> list[Problem]:
    problems: list[Problem] = []
    if document and document != docname:
        problems.append(Problem("", f"the packet is for document {document!r}, not "
                                f"{docname!r}: import it into its own document"))
    if date:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            problems.append(Problem("", f"the date {date!r} is not written YYYY-MM-DD: "
                                    "correct it in the packet's header"))
    return problems


def check_text(unit: str, text: str, englishes: dict[str, str]) -> list[Problem]:
    """The rules for a unit's new Chinese text. *englishes*: each unit's English."""
    if not unicodedata.is_normalized("NFC", text):
        offset = next(i for i in range(len(text))
                      if not unicodedata.is_normalized("NFC", text[:i + 1]))
        char = text[offset]
        fixed = unicodedata.normalize("NFC", char)
        return [Problem(unit, f"the text is not in Unicode NFC: {char!r} (U+{ord(char):04X}) "
                        f"at {_position(text, offset)} is written "
                        f"{fixed!r} ({' '.join(f'U+{ord(c):04X}' for c in fixed)}) in NFC; "
                        "type it as NFC (or let the editor normalise the file to NFC) and "
                        "check that it is the character the page prints")]
    plain = blank_markup(text)
    words = LATIN_WORD.findall(plain)
    han = len(HAN.findall(plain))
    letters = sum(1 for ch in plain if unicodedata.category(ch).startswith("L"))
    latin = sum(len(w) for w in words)
    english = [w for w in words if w.lower() in ENGLISH_WORDS]
    if letters and latin / letters >= 0.5 and len(words) >= 3 and english:
        which = _matching_english(text, englishes)
        where = f" (it is the English of {label(which)})" if which else ""
        return [Problem(unit, f"the Chinese field holds English text{where}: "
                        f"“{_start(text)}”; paste the Chinese text of {label(unit)} "
                        "there (the English is only for reference)")]
    problems: list[Problem] = []
    if not letters:
        problems.append(Problem(unit, "the text holds no Chinese characters: type the "
                                "Chinese text of the paragraph, or leave the field empty"))
    elif han / letters < MIN_HAN_SHARE:
        share = round(100 * han / letters)
        problems.append(Problem(unit, f"only {share}% of the text's letters are Chinese "
                                f"characters (“{_start(text)}”): check that this is the "
                                f"Chinese text of {label(unit)}"))
    stray = [f"'{m.group(0)}' at {_position(text, m.start())}"
             for m in LATIN_WORD.finditer(plain)]
    if stray:
        problems.append(Problem(unit, f"Latin letters in the Chinese text: {_more(stray)}; "
                                "if the page prints them, mark them {foreign}`…`, "
                                "otherwise remove them"))
    half = []
    for index, char in enumerate(plain):
        if char in FULL_WIDTH and _beside_han(plain, index):
            half.append(f"'{char}' at {_position(text, index)} (use '{FULL_WIDTH[char]}')")
    if half:
        problems.append(Problem(unit, f"half-width punctuation in the Chinese text: "
                                f"{_more(half)}; type the full-width mark the page prints"))
    for number, line in enumerate(text.split("\n"), start=1):
        for pattern, why in MARKUP_LINES:
            if pattern.match(line):
                problems.append(Problem(unit, f"line {number} of the text starts with {why}: "
                                        "remove that sign, or type it as the page prints "
                                        "it (a full-width form)"))
                break
    for match in re.finditer(r"\{pb\}(?!`)|\{pb\}`([^`]*)`", text):
        if match.group(1) is None or not PAGE.fullmatch(match.group(1).strip()):
            problems.append(Problem(unit, f"page break {match.group(0)!r} at "
                                    f"{_position(text, match.start())} is not "
                                    "{pb}`number`: write the page that begins there, "
                                    "e.g. {pb}`303`"))
    return problems


def _beside_han(text: str, index: int) -> bool:
    for step in (-1, 1):
        k = index + step
        while 0 <= k < len(text) and text[k] in " \t":
            k += step
        if 0 <= k < len(text) and HAN.match(text[k]):
            return True
    return False


def _start(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _words(text: str) -> list[str]:
    return [w.lower() for w in LATIN_WORD.findall(text)]


def _matching_english(text: str, englishes: dict[str, str]) -> str:
    """The unit whose English the text is (most of its first words), if any."""
    words = _words(text)[:12]
    if not words:
        return ""
    for unit, english in englishes.items():
        theirs = _words(english)
        if theirs[:len(words)] == words or (len(words) >= 6 and
                                             " ".join(words[:6]) in " ".join(theirs)):
            return unit
    return ""


def check_english(unit: str, given: str, expected: str, changed: bool) -> list[Problem]:
    """The English field: left as the packet gave it."""
    if HAN.search(given):
        return [Problem(unit, "Chinese characters stand in the English field: the import "
                        "never reads it; move them under 'Chinese'")]
    if changed or " ".join(_words(given)) != " ".join(_words(expected)):
        if not given.strip():
            return []  # a transcriber may delete the English to save paper
        return [Problem(unit, "the English field was changed: the import never reads it "
                        "(the English is never changed by an import); put back the English "
                        "of the packet, or empty it, and write in 'Chinese' only")]
    return []


def check_empty(unit: str, new: str, current: str) -> list[Problem]:
    """A packet may leave a slot pending, never empty one that holds text."""
    if not new.strip() and current.strip():
        return [Problem(unit, "the Chinese field is empty, but the slot holds text; the "
                        "import never empties a slot: copy the slot's text back into the "
                        "packet (it is shown below), or remove the unit from the packet "
                        "and write 'Partial: yes'")]
    return []


def check_pages(units: list[tuple[str, str, str]], pages: str) -> list[Problem]:
    """Page fields and page breaks in reading order: (unit, page field, text).

    The page field must be a number; the series of start pages and breaks
    follows the build's rule (inside the source's pages, never backwards).
    """
    problems: list[Problem] = []
    series: list[tuple[int, str, bool]] = []
    for unit, page, text in units:
        if page:
            if not PAGE.fullmatch(page):
                problems.append(Problem(unit, f"the page field {page!r} is not a page number: "
                                        "write the number of the page where the paragraph "
                                        "starts, e.g. 302"))
            else:
                series.append((int(page), unit, False))
        for match in re.finditer(r"\{pb\}`\s*([1-9][0-9]*)\s*`", text):
            series.append((int(match.group(1)), unit, True))
    for unit, message in check_sequence(series, page_span(pages)):
        problems.append(Problem(unit, message))
    return problems
