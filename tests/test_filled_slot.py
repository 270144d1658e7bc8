"""A filled slot in the build: page breaks, provenance, sentences and their pairs.

Fixture projects (FIXTURE TEXT only, placeholder names):

* ``tests/roots/test-slot``: a document with two transcribed units, a page
  break, a provenance file and an alignment file that corrects one unit;
* ``tests/roots/test-slot-errors``: one document per kind of mistake (page
  breaks, the provenance file, the alignment file), each warning checked
  with its file and line.

Segmentation is held to two independent standards: the sentences put back
together are the text, for any text (hypothesis); and on the real English of
the edition it finds the sentences the editors put one per line.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT, TESTS, require_tool

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SCHEMA = ROOT / "tests" / "data" / "tei" / "tei_all.rng"
ERRORS = TESTS / "roots" / "test-slot-errors"


def page(app, docname: str = "doc"):
    return lxml_html.parse(str(Path(app.outdir) / f"{docname}.html"))


# --- segmentation ---------------------------------------------------------------

TOKENS = list("Ab .,;:?!\"'()\n 。！？；，”」中文字") + [". . .", "Mr.", "(1)", "U.S.", "…"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_segmentation_never_changes_a_character(text):
    from edition.text import segment

    for cuts in (segment.english(text), segment.chinese(text)):
        assert cuts == sorted(set(cuts)) and all(0 < c < len(text) for c in cuts)
        spans = segment.spans(text, cuts)
        # between and around the sentences: only whitespace; so the sentences
        # and that whitespace are the text, character for character
        bounds = [0] + [x for span in spans for x in span] + [len(text)]
        for a, b in zip(bounds[::2], bounds[1::2]):
            assert not text[a:b].strip()
        assert all(a < b for a, b in spans)


def test_english_sentences_of_the_real_edition_are_the_editors_lines():
    """The source has one sentence per line (two where the witness's
    quotation closes a sentence inside a line, in ¶ 7 and ¶ 9); the
    segmenter ends a sentence at the end of every line."""
    from edition.text import segment

    source = (ROOT / "source" / "117033.md").read_text(encoding="utf-8")
    plain = re.compile(r"\{[a-z:]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")
    sentences = lines = 0
    for block in re.findall(r":::\{translation\}\n(.*?)\n:::", source, re.S):
        parts = [plain.sub(r"\1", re.sub(r"\[\^\d\]", "", line)) for line in block.split("\n")]
        text = "\n".join(parts)
        spans = segment.spans(text, segment.english(text))
        ends = {b for _, b in spans}
        offset = 0
        for part in parts:
            offset += len(part)
            assert offset in ends or not part.rstrip().endswith((".", "?", "!", '"')), part
            offset += 1
        sentences += len(spans)
        lines += len(parts)
    assert sentences == lines + 2


def test_chinese_sentence_ends():
    from edition.text import segment

    text = "他说：“好。”我们走吧！是吗？短句；短句。" + "甲" * 20 + "；" + "乙" * 20 + "。"
    sentences = [text[a:b] for a, b in segment.spans(text, segment.chinese(text))]
    assert sentences == ["他说：“好。”", "我们走吧！", "是吗？", "短句；短句。",
                         "甲" * 20 + "；", "乙" * 20 + "。"]


def test_automatic_alignment_finds_the_generators_pairs():
    """The full-size fixture's placeholder has one Chinese sentence (ending in
    。) per English sentence; the automatic alignment, on lengths alone, pairs
    nearly every English sentence with exactly the pieces of its Chinese
    sentence (the editor corrects the rest in the alignment file)."""
    from edition.text import segment
    from edition.text.pairs import auto_align
    from edition.transcription import slots

    text = (TESTS / "roots" / "test-fullsize" / "full.md").read_text(encoding="utf-8")
    english = dict(re.findall(r"::::?\{unit\} (p\d+)\n::::?\{translation\}\n(.*?)\n::::?\n",
                              text, re.S))
    plain = re.compile(r"\{[a-z:]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")
    right = wrong = 0
    for found in slots.scan(text):
        chinese = slots.normalise(slots.body(text, found)).replace("\n", "")
        chinese = re.sub(r"\[\^\d+\]", "", chinese)
        en = plain.sub(r"\1", re.sub(r"\[\^\d\]", "", english[found.number]))
        en_sentences = [en[a:b] for a, b in segment.spans(en, segment.english(en))]
        zh_sentences = [chinese[a:b] for a, b in segment.spans(chinese, segment.chinese(chinese))]
        truth = [s + "。" for s in chinese.split("。") if s]
        if len(truth) != len(en_sentences):
            continue  # a unit whose English lines hold two sentences
        pairs = auto_align([len(s.replace(" ", "")) for s in en_sentences],
                           [len(s) for s in zh_sentences])
        for pair in pairs:
            joined = "".join(zh_sentences[j - 1] for j in pair.original)
            if len(pair.en) == 1 and joined == truth[pair.en[0] - 1]:
                right += 1
            else:
                wrong += 1
    assert right + wrong > 60
    assert right / (right + wrong) >= 0.9, (right, wrong)


# --- the build: HTML -------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="slot")
def test_html_page_breaks_provenance_and_sentences(app):
    app.build()
    assert app.warning.getvalue() == ""
    tree = page(app)
    pb = tree.xpath("//span[contains(@class, 'page-break')]")
    assert len(pb) == 1
    assert pb[0].get("id") == "page-11" and pb[0].text == "11"
    assert pb[0].get("role") == "doc-pagebreak" and pb[0].get("aria-label") == "Fixture 1990, 11"
    assert "editorial" in pb[0].get("class")  # not a word of the text
    lines = [" ".join(p.text_content().split())
             for p in tree.xpath("//p[contains(@class, 'slot-provenance')]")]
    assert lines == [
        "Transcribed by FIXTURE Transcriber A on 28 November 2026 from Fixture 1990, "
        "pp. 10–11; checked by FIXTURE Checker B on 29 November 2026.",
        "Transcribed by FIXTURE Transcriber A on 28 November 2026 from Fixture 1990, p. 11; "
        "not yet checked."]
    en = tree.xpath("//div[@id='p2']//span[@class='sentence'][starts-with(@id, 'p2-en')]")
    assert [s.get("data-corresp") for s in en] == ["p2-original-s1 p2-original-s2",
                                                   "p2-original-s3"]
    # the sentences are the paragraph, word for word
    p1 = tree.xpath("//div[@id='p1']/div[contains(@class, 'side-translation')]/p")[0]
    spans = [s.text_content() for s in p1.xpath("span[contains(@class, 'sentence')]")]
    # (the reading outputs set the quotation marks typographically: text/typography.py)
    assert spans == ["(1) The weather is fine today.[1]", "We walk in the park.",
                     "Mr. Fixture says “it is early.”", "Then we go home."]
    assert " ".join(spans) == " ".join(p1.text_content().split())
    # the highlighting script and its stylesheet are loaded (joined with the
    # edition's other files, outputs/html.py)
    from edition.outputs.html import expand_bundles

    loaded = expand_bundles(Path(app.outdir) / "doc.html",
                            tree.xpath("//head/link[@rel='stylesheet']/@href")
                            + tree.xpath("//head/script/@src"))
    assert "_static/edition-sentences.js" in loaded
    assert "_static/edition-sentences.css" in loaded
    assert "_static/edition-transcription.css" in loaded
    # the pending unit has no sentences: nothing to align
    assert not tree.xpath("//div[@id='p3']//span[contains(@class, 'sentence')]")


@pytest.mark.sphinx("epub", testroot="slot")
def test_epub_numbers_the_pairs(app):
    app.build()
    xhtml = (Path(app.outdir) / "doc.xhtml").read_text(encoding="utf-8")
    assert xhtml.count('<sup class="sentence-pair editorial">') == 4 + 2 + 4 + 3
    assert 'role="doc-pagebreak"' in xhtml and "slot-provenance" in xhtml
    assert "edition-sentences.js" not in xhtml


@pytest.mark.sphinx("latex", testroot="slot")
def test_latex_margin_page_breaks_and_pair_numbers(app):
    app.build()
    tex = (Path(app.outdir) / "fixture-slot.tex").read_text(encoding="utf-8")
    assert r"\edpagebreak{11}" in tex
    assert r"\edprovenance{Transcribed by FIXTURE Transcriber A" in tex
    assert tex.count(r"\edsentence{") == 13
    sty = (Path(app.outdir) / "pagebreak.sty").read_text(encoding="utf-8")
    assert r"\marginpar" in sty


@pytest.mark.sphinx("text", testroot="slot")
def test_text_output(app):
    app.build()
    text = (Path(app.outdir) / "doc.txt").read_text(encoding="utf-8")
    assert "[p. 11]" in text
    assert "[Transcribed by FIXTURE Transcriber A" in text


# --- TEI and JSON --------------------------------------------------------------------------

@pytest.mark.sphinx("tei", testroot="slot")
def test_tei_and_json(app):
    app.build()
    assert app.warning.getvalue() == ""
    path = Path(app.outdir) / "doc.xml"
    tree = etree.parse(str(path))
    pb = tree.xpath("//tei:div[@type='original']//tei:pb", namespaces=NS)
    assert [(p.get("n"), p.get("edRef")) for p in pb] == [("11", "#fixturebook")]
    names = tree.xpath("//tei:titleStmt/tei:respStmt/tei:name/text()", namespaces=NS)
    assert "FIXTURE Transcriber A" in names and "FIXTURE Checker B" in names
    changes = tree.xpath("//tei:revisionDesc/tei:change", namespaces=NS)
    assert [(c.get("type"), c.get("target"), c.get("when")) for c in changes] == [
        ("transcribed", "#p1-original", "2026-11-28"), ("checked", "#p1-original", "2026-11-29"),
        ("transcribed", "#p2-original", "2026-11-28")]
    s = tree.xpath("//tei:s[@xml:id='p2-en-s1']", namespaces=NS)[0]
    assert s.get("corresp") == "#p2-original-s1 #p2-original-s2"
    # no whitespace slipped between the Chinese sentences
    original = tree.xpath("//tei:p[@xml:id='p2-original']", namespaces=NS)[0]
    assert "".join(original.itertext()) == (
        "图书馆每天上午九点开门，晚上六点以后关门；这是测试用的示例文字，不是任何文件的原文。"
        "学生们在窗边看书。")
    require_tool("jing")
    result = subprocess.run(["jing", str(SCHEMA), str(path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout

    data = json.loads((Path(app.outdir) / "doc.json").read_text(encoding="utf-8"))
    p1, p2, p3 = data["units"]
    assert p1["pages"] == "10-11"
    assert p1["provenance"] == {"transcribed_by": "FIXTURE Transcriber A",
                                "transcribed": "2026-11-28", "checked_by": "FIXTURE Checker B",
                                "checked": "2026-11-29"}
    assert p2["sentences"]["pairs"] == [{"en": [1], "original": [1, 2]},
                                        {"en": [2], "original": [3]}]
    assert [s["text"] for s in p2["sentences"]["original"]] == [
        "图书馆每天上午九点开门，晚上六点以后关门；", "这是测试用的示例文字，不是任何文件的原文。",
        "学生们在窗边看书。"]
    assert "sentences" not in p3 and "provenance" not in p3


# --- warnings -------------------------------------------------------------------------------

def test_every_mistake_is_a_warning_with_file_and_line(tmp_path):
    from conftest import build_project

    build = build_project(ERRORS, ERRORS, tmp_path, "html")
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", build.warnings)
    expected = [
        ("alignment.alignment.yaml:6", "'two = three' is not a pair", "alignment"),
        ("alignment.alignment.yaml:7", "p2 has no transcribed original to align", "alignment"),
        ("alignment.alignment.yaml:4", "original sentence 4 does not exist", "alignment"),
        ("alignment.alignment.yaml:5", "English sentence 1 is listed twice (also on line 3)",
         "alignment"),
        ("alignment.alignment.yaml:2", "English sentence 3 is neither aligned nor marked "
         "unaligned: add it to a pair, or '3 = unaligned'", "alignment"),
        ("alignment.alignment.yaml:2", "original sentence 3 is neither aligned nor marked "
         "unaligned", "alignment"),
        ("pages.md:17", "page break 'ten' is not a page number", "pagebreak"),
        ("pages.md:23", "page break {pb}`12` stands outside the original", "pagebreak"),
        ("pages.md:26", "page 10 comes after page 11", "pagebreak"),
        ("pages.md:26", "page 15 is outside the source's pages 10-12", "pagebreak"),
        ("provenance.provenance.yaml:3", "'transcribed' must be a date written YYYY-MM-DD",
         "provenance"),
        ("provenance.provenance.yaml:5", "unknown field 'colour' in p1", "provenance"),
        ("provenance.provenance.yaml:8", "unit p9 is not in the document", "provenance"),
        ("provenance.provenance.yaml:6", "p2 has a transcription entry but its slot is empty",
         "provenance"),
    ]
    lines = warnings.strip().splitlines()
    for where, what, kind in expected:
        assert any(f"{where}: WARNING: " in line and what in line and
                   line.endswith(f"[edition.{kind}]") for line in lines), (where, what, lines)
    assert len(lines) == len(expected), lines
    # nothing is dropped: every sentence's words are in the page
    text = (build.outdir / "pages.html").read_text(encoding="utf-8")
    for words in ("第一个测试句子。", "第四个测试句子。", "Third fixture sentence"):
        assert words in text


# --- in the browser ----------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="slot")
def test_hover_and_keyboard_highlight_the_counterpart(app, browser, artifacts):
    app.build()
    url = (Path(app.outdir) / "doc.html").as_uri()
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.goto(url)
    pg.hover("#p2-en-s1")
    assert pg.eval_on_selector_all(".sentence-counterpart", "els => els.map(e => e.id)") == [
        "p2-original-s1", "p2-original-s2"]
    pg.screenshot(path=str(artifacts / "alignment-hover.png"))
    pg.mouse.move(0, 0)
    assert pg.eval_on_selector_all(".sentence-counterpart", "els => els.length") == 0
    # keyboard: one tab stop per side, arrows move, Enter goes to the counterpart
    assert pg.eval_on_selector_all("#p1 .side-translation .sentence",
                                   "els => els.map(e => e.tabIndex)") == [0, -1, -1, -1]
    pg.focus("#p1-en-s1")
    pg.keyboard.press("ArrowRight")
    assert pg.evaluate("document.activeElement.id") == "p1-en-s2"
    assert pg.eval_on_selector_all(".sentence-counterpart", "els => els.map(e => e.id)") == [
        "p1-original-s2"]
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.activeElement.id") == "p1-original-s2"
    assert pg.get_attribute("#p1-original-s2", "aria-describedby") == "p1-en-s2"
    context.close()
    # without JavaScript: plain text, no focus stops, no highlight
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(url)
    assert pg.eval_on_selector_all(".sentence[tabindex]", "els => els.length") == 0
    pg.hover("#p2-en-s1")
    assert pg.eval_on_selector("#p2-original-s1", "e => getComputedStyle(e).backgroundColor") \
        == "rgba(0, 0, 0, 0)"
    context.close()
