"""Registers: every name links to its entry and every entry to each mention.

The sets of paragraphs for Khrushchev, Stalin and Gomulka below are counted
by hand from the witness (tests/data/117033-en.txt), not from the build.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

import edition_source
from conftest import TESTS, require_tool
from witness import QUOTE_SHAPES

DOCUMENT = "117033"

#: person key -> the places in the witness that name them (by hand from the witness)
WITNESS_PERSONS = {
    "khrushchev": {"¶ 5", "¶ 6", "¶ 9", "note 1"},
    "stalin": {"¶ 4", "¶ 5", "¶ 6", "¶ 9", "¶ 11"},
    "gomulka": {"¶ 7", "note 4"},
    "bulganin": {"¶ 6", "¶ 9", "note 1"},
    "mikoyan": {"¶ 9", "note 1"},
    "liu-xiao": {"¶ 5", "note 2"},
    # the header: "From", "To", "Translated by"; the notes as they name them
    "zhou-enlai": {"header (From)", "note 1", "note 3"},
    "mao-zedong": {"header (To)", "note 1", "note 3"},
    "zhang-shu-guang": {"header (Translated by)"},
    "chen-jian": {"header (Translated by)"},
}


def own_warnings(text: str) -> list[str]:
    """Warnings of a build, without the notices of a second Sphinx in one process.

    (conftest.build_project does not unregister docutils nodes between builds,
    so every build after the first reports them as "already registered".)
    """
    return [line for line in text.splitlines()
            if line.strip() and "is already registered" not in line]


def entry(page: Path, key: str):
    tree = lxml_html.parse(str(page))
    found = tree.xpath(f'//div[@id="{key}"][contains(@class, "entity")]')
    assert len(found) == 1, f"{key} has {len(found)} entries in {page.name}"
    return found[0]


def mention_links(entry_element) -> dict[str, str]:
    """Label of each mention link of an entry -> its href."""
    return {a.text_content(): a.get("href")
            for a in entry_element.xpath('.//p[contains(@class, "entity-mentions")]//a')}


@pytest.mark.parametrize("key", sorted(WITNESS_PERSONS))
def test_each_person_links_to_every_paragraph_that_names_them(edition_build, key):
    build = edition_build("html")
    links = mention_links(entry(build.outdir / "persons.html", key))
    assert set(links) == WITNESS_PERSONS[key]
    document = lxml_html.parse(str(build.outdir / f"{DOCUMENT}.html"))
    for label, href in links.items():
        page, _, anchor = href.partition("#")
        assert page == f"{DOCUMENT}.html"
        target = document.xpath(f'//*[@id="{anchor}"]')
        # the mention, which links back to the entry (its href names the entity)
        assert target and "mention" in target[0].get("class").split(), (label, href)
        assert target[0].get("href") == f"persons.html#{key}"


def test_every_person_the_witness_names_has_an_entry(edition_build):
    build = edition_build("html")
    persons = lxml_html.parse(str(build.outdir / "persons.html"))
    keys = {d.get("id") for d in persons.xpath('//div[contains(@class, "entity-person")]')}
    assert keys == set(WITNESS_PERSONS) | {"shi-zhongquan"}
    shi = entry(build.outdir / "persons.html", "shi-zhongquan")
    # named only in citations, which this edition does not mark: the entry says so
    assert "citation that closes note 3" in shi.text_content()
    assert shi.xpath('.//a[contains(@href, "#note-3")]')


def test_entries_carry_original_script_and_witness_pointer(edition_build):
    build = edition_build("html")
    liu = entry(build.outdir / "persons.html", "liu-xiao")
    identification = liu.xpath('.//p[contains(@class, "entity-identification")]')[0]
    assert "from February 1955 to October 1962" in identification.text_content()
    assert identification.xpath('.//a')[0].get("href") == f"{DOCUMENT}.html#note-2"
    # the witness gives no name in an original script, and the editors name
    # no source for persons' names: none is given (issue 13)
    assert not liu.xpath('.//span[contains(@class, "entity-original")]')
    gomulka = entry(build.outdir / "persons.html", "gomulka")
    assert "Gomulka, Wladyslaw" in gomulka.text_content()
    # a place's name in its original script is the editors' addition, with its source
    warsaw = entry(build.outdir / "places.html", "warsaw")
    original = warsaw.xpath('.//span[contains(@class, "entity-original")]')[0]
    assert (original.get("lang"), original.text) == ("pl", "Warszawa")
    basis = warsaw.xpath('.//p[contains(@class, "entity-basis")]')[0].text_content()
    assert "The editors' addition (the name in original script); source: Unicode " \
           "Consortium, Unicode Common Locale Data Repository (CLDR)" in \
        basis.translate(QUOTE_SHAPES)      # typographic on the page (typography.py)


def test_places_and_organisations_are_registered(edition_build):
    build = edition_build("html")
    places = {d.get("id") for d in lxml_html.parse(str(build.outdir / "places.html"))
              .xpath('//div[contains(@class, "entity")]')}
    assert {"moscow", "warsaw", "poland", "soviet-union", "china", "india", "hungary",
            "beijing"} <= places
    orgs = {d.get("id") for d in lxml_html.parse(str(build.outdir / "organisations.html"))
            .xpath('//div[contains(@class, "entity")]')}
    assert {"cpsu", "ccp", "united-workers-party", "ccp-politburo", "renmin-ribao"} <= orgs
    warsaw = mention_links(entry(build.outdir / "places.html", "warsaw"))
    assert set(warsaw) == {"¶ 3", "¶ 7"}


def test_every_mention_in_the_document_links_to_an_entry(edition_build):
    build = edition_build("html")
    document = lxml_html.parse(str(build.outdir / f"{DOCUMENT}.html"))
    mentions = document.xpath('//main//*[contains(concat(" ", @class, " "), " mention ")]')
    assert len(mentions) > 60
    for mention in mentions:
        # a linked mention's href names its entity: no data-entity beside it
        assert mention.tag == "a" and mention.get("data-entity") is None
        href = mention.get("href")
        assert re.fullmatch(r"(persons|places|organisations)\.html#[a-z-]+", href), href


def test_latex_indexes_persons_and_prints_the_index(edition_build):
    build = edition_build("latex")
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\index{Khrushchev, Nikita@\spxentry{Khrushchev, Nikita}}" in tex
    assert tex.count(r"\index{Stalin@\spxentry{Stalin}}") == edition_source.mentions("person", "stalin")
    assert r"\renewcommand{\indexname}{Index of persons}" in tex
    assert r"\begin{edentity}" in tex and r"\edoriginalname{pl}{Warszawa}" in tex
    assert (build.outdir / "entities.sty").is_file()
    assert '(markup-range :sep "\\textendash{}")' in (build.outdir / "sphinx.xdy").read_text()
    assert own_warnings(build.warnings) == []


def test_text_output_keeps_the_names(edition_build):
    build = edition_build("text")
    assert own_warnings(build.warnings) == []
    persons = (build.outdir / "persons.txt").read_text(encoding="utf-8")
    assert "**Khrushchev, Nikita**" in persons
    places = (build.outdir / "places.txt").read_text(encoding="utf-8")
    assert "**Warsaw** Warszawa" in places
    assert "Mentions: ¶ 5, ¶ 6 (2×), ¶ 9, note 1" in persons


# --- fixture projects ------------------------------------------------------------

def build_fixture(make_app, tmp_path: Path, root: str, builder: str = "html",
                  parallel: int = 0):
    srcdir = tmp_path / f"{root}-{builder}-{parallel}"
    shutil.copytree(TESTS / "roots" / f"test-{root}", srcdir)
    app = make_app(builder, srcdir=srcdir, parallel=parallel, freshenv=True)
    app.build()
    return app


def register_html(app) -> str:
    tree = lxml_html.parse(str(Path(app.outdir) / "persons.html"))
    return lxml_html.tostring(tree.xpath('//div[contains(@class, "register")]')[0],
                              encoding="unicode")


def test_fixture_register_lists_each_mention(make_app, tmp_path):
    app = build_fixture(make_app, tmp_path, "registers")
    assert own_warnings(app.warning.getvalue()) == []
    out = Path(app.outdir)
    alpha = mention_links(entry(out / "persons.html", "alpha-person"))
    assert list(alpha) == ["header (From)", "¶ 1", "¶ 2"]
    beta = entry(out / "persons.html", "beta-person")
    # edited text first, then the other pages under their titles
    assert list(mention_links(beta)) == ["header (To)", "¶ 1", "¶ 2", "note 1", "Page 1",
                                         "Page 2", "Page 3"]
    assert "¶ 2 (2×)" not in beta.text_content()
    assert "¶ 2 (2×)" in entry(out / "persons.html", "alpha-person").text_content()
    committee = mention_links(entry(out / "organisations.html", "fixture-committee"))
    assert list(committee) == ["header (To)", "note 1"]
    gazette = entry(out / "organisations.html", "fixture-gazette")
    assert "Also named only in a citation." in gazette.text_content()
    genindex = (out / "genindex.html").read_text(encoding="utf-8")
    assert "Person, Alpha" in genindex and "Fixtown" not in genindex


def test_parallel_build_gives_the_same_registers(make_app, tmp_path):
    serial = build_fixture(make_app, tmp_path, "registers")
    parallel = build_fixture(make_app, tmp_path, "registers", parallel=2)
    assert own_warnings(parallel.warning.getvalue()) == []
    # it did read in parallel: chunks of documents, "[ 50%] doc .. page1"
    assert re.search(r"reading sources\.\.\. .*\] \S+ \.\. \S+", parallel.status.getvalue())
    assert register_html(parallel) == register_html(serial)
    assert "Page 3" in register_html(parallel)


def test_fixture_renders_in_latex_and_text(make_app, tmp_path):
    latex = build_fixture(make_app, tmp_path, "registers", "latex")
    assert own_warnings(latex.warning.getvalue()) == []
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\index{Person, Beta@\spxentry{Person, Beta}}" in tex
    assert r"\hyperref[\detokenize{persons:beta-person}]" in tex
    text = build_fixture(make_app, tmp_path, "registers", "text")
    assert own_warnings(text.warning.getvalue()) == []
    assert "**Person, Alpha** Альфа" in (Path(text.outdir) / "persons.txt").read_text()


def test_errors_are_reported_with_file_and_line(make_app, tmp_path):
    app = build_fixture(make_app, tmp_path, "registers-errors")
    warnings = app.warning.getvalue()
    data = "entities.yaml"
    expected = [
        (r"index\.md:3: WARNING: unknown entity 'nobody'", "unknown key"),
        (r"index\.md:3: WARNING: 'alpha' is a person in the registers, not a place",
         "kind"),
        (r"index\.md:3: WARNING: the text spells 'alpha' as 'Alfa'", "spelling"),
        (rf"{data}:6: WARNING: entity 'alpha' is defined twice \(first at line 1\)",
         "duplicate"),
        (rf"{data}:10: WARNING: entity 'unused' is never mentioned", "unmentioned"),
        (rf"{data}:14: WARNING: entity key 'Bad Key' must be lower case", "key"),
        (rf"{data}:21: WARNING: entry 'odd' has unknown field 'colour'", "field"),
        (rf"{data}:18: WARNING: entry 'odd' has kind 'planet'", "kind value"),
        (rf"{data}:23: WARNING: entry 'tagged' cannot be read", "YAML tag"),
        (rf"{data}:30: WARNING: entry 'twice' gives field 'standard' twice", "field twice"),
    ]
    for pattern, what in expected:
        assert re.search(pattern, warnings), f"no warning for {what}:\n{warnings}"
    assert "Traceback" not in warnings
    assert "[edition.entity]" in warnings


def test_changing_the_data_file_updates_mentions_and_registers(make_app, tmp_path):
    first = build_fixture(make_app, tmp_path, "registers")
    srcdir = Path(first.srcdir)
    data = srcdir / "entities.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "standard: Person, Beta", "standard: Person, Beta Renamed"), encoding="utf-8")
    again = make_app("html", srcdir=srcdir, freshenv=False)
    again.build()
    assert own_warnings(again.warning.getvalue()) == []
    out = Path(again.outdir)
    assert "Person, Beta Renamed" in entry(out / "persons.html", "beta-person").text_content()
    doc = lxml_html.parse(str(out / "doc.html"))
    titles = {a.get("title") for a in doc.xpath('//a[@href="persons.html#beta-person"]')}
    assert titles == {"Person, Beta Renamed"}
    assert "Person, Beta Renamed" in (out / "genindex.html").read_text(encoding="utf-8")


def test_a_rebuild_reads_the_data_file_again_when_it_changed_or_warned(make_app, tmp_path,
                                                                     monkeypatch):
    from edition.entities import mentions

    first = build_fixture(make_app, tmp_path, "registers")
    srcdir = Path(first.srcdir)
    read: list[Path] = []
    load = mentions.load_entities
    monkeypatch.setattr(mentions, "load_entities", lambda path: read.append(path) or load(path))
    # unchanged and read without a warning: its entities are kept, not read again
    again = make_app("html", srcdir=srcdir, freshenv=False)
    again.build()
    assert read == []
    assert "Person, Alpha" in entry(Path(again.outdir) / "persons.html",
                                    "alpha-person").text_content()
    # a data file with a problem warns on every build until it is corrected
    data = srcdir / "entities.yaml"
    clean = data.read_text(encoding="utf-8")
    data.write_text(clean.replace("kind: person", "kind: persn", 1), encoding="utf-8")
    for _ in range(2):
        rebuilt = make_app("html", srcdir=srcdir, freshenv=False)
        rebuilt.build()
        assert any("entry 'alpha-person' has kind 'persn'" in line
                   for line in own_warnings(rebuilt.warning.getvalue()))
    assert len(read) == 2
    data.write_text(clean, encoding="utf-8")
    fixed = make_app("html", srcdir=srcdir, freshenv=False)
    fixed.build()
    assert own_warnings(fixed.warning.getvalue()) == []
    assert len(read) == 3


def test_pdf_has_the_index_of_persons(edition_pdf):
    text = subprocess.run(["pdftotext", "-layout", str(edition_pdf.pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    index = text[text.rindex("Index of persons"):]
    for name in ("Bulganin, Nikolai", "Gomulka, Wladyslaw", "Khrushchev, Nikita",
                 "Stalin", "Zhou Enlai"):
        assert re.search(rf"{re.escape(name)}, \d", index), name
    # a run of pages keeps its dash, an en dash (see entities.prepare_index_tools):
    # no page number follows another without a separator
    ind = edition_pdf.tex.with_suffix(".ind").read_text(encoding="utf-8")
    assert "}\\hyperpage" not in ind.replace("\\textendash{}\\hyperpage", "")
    assert "--" not in ind


@pytest.mark.tex
def test_latexmk_alone_makes_the_same_index(edition_pdf, tmp_path):
    """latexmk run directly in the LaTeX folder, without Sphinx's Makefile and
    its XINDYOPTS (as editors and tests do), makes the index the Makefile made:
    the latexmkrc gives xindy the same options (outputs/latex.py)."""
    require_tool("xelatex", "latexmk", "xindy")
    work = tmp_path / "latex"
    shutil.copytree(edition_pdf.outdir, work)
    ind = work / edition_pdf.tex.with_suffix(".ind").name
    ind.unlink()
    # the Makefile's latexmk rule, so that latexmk reruns only what the lost
    # .ind needs: xindy
    result = subprocess.run(
        ["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", edition_pdf.tex.name], cwd=work,
        capture_output=True, text=True, timeout=600,
        env={k: v for k, v in os.environ.items() if k != "XINDYOPTS"})
    assert result.returncode == 0, result.stdout[-3000:]
    assert ind.read_text(encoding="utf-8") == \
        edition_pdf.tex.with_suffix(".ind").read_text(encoding="utf-8")
