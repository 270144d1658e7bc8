"""Property: any document made of the edition's directives and roles, with
any words in any structure, builds without an exception and every word it
holds reaches the HTML."""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

CONF = """extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
smartquotes = False
"""

# Words without Markdown syntax, so that every one must appear as written;
# Latin with diacritics, Cyrillic, Chinese, Hebrew, digits.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list("łóęśćźżŁÓąĄéèüöäßçñ") + list("абвгдежзийклмнопрстуфхцчшщыэюя")
    + list("周恩来毛泽东石仲泉卓越奉献天气很好") + list("שלוםעולם"))
WORD = st.text(ALPHABET, min_size=1, max_size=12)


@st.composite
def sentence(draw) -> tuple[str, list[str]]:
    """Markdown of one sentence and the words a reader must see."""
    parts, seen = [], []
    for _ in range(draw(st.integers(1, 8))):
        word = draw(WORD)
        kind = draw(st.sampled_from(["plain", "plain", "plain", "interpolation",
                                     "person", "sic"]))
        seen.append(word)
        if kind == "plain":
            parts.append(word)
        elif kind == "interpolation":
            parts.append(f"{{interpolation}}`{word}`")
        elif kind == "person":
            parts.append(f"{{person}}`{word} <k{len(seen)}>`")
        else:
            parts.append(f"{{sic}}`{word} <s{len(seen)}x{draw(st.integers(0, 10**6))}>`")
    return " ".join(parts) + ".", seen


@st.composite
def document(draw) -> tuple[str, list[str]]:
    units, notes, words = [], [], []
    for number in range(1, draw(st.integers(1, 5)) + 1):
        paragraphs = []
        for _ in range(draw(st.integers(1, 3))):
            text, seen = draw(sentence())
            words += seen
            if draw(st.booleans()):
                notes.append(number)
                text += f"[^{len(notes)}]"
            paragraphs.append(text)
        original, seen = ("", [])
        if draw(st.booleans()):
            original, seen = draw(sentence())
            words += seen
        extra = ""
        if draw(st.booleans()):
            comment, seen = draw(sentence())
            words += seen
            extra = f":::{{commentary}}\n{comment}\n:::\n"
        units.append(f"::::{{unit}} p{number}\n:::{{translation}}\n"
                     + "\n\n".join(paragraphs) + f"\n:::\n:::{{original}}\n{original}\n:::\n"
                     + extra + "::::\n")
    note_text = []
    for index, _ in enumerate(notes, 1):
        text, seen = draw(sentence())
        words += seen
        note_text.append(f"[^{index}]: {text}")
    front = "---\ndocument:\n  title: Generated\n  date: 1957-01-24\n  author: Nobody\n---\n\n"
    return front + "\n".join(units) + "\n" + "\n\n".join(note_text) + "\n", words


def build(source: str) -> tuple[str, str]:
    from sphinx.cmd.build import build_main
    from sphinx.testing.util import _clean_up_global_state

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "conf.py").write_text(CONF, encoding="utf-8")
        (src / "index.md").write_text(source, encoding="utf-8")
        printed = io.StringIO()
        _clean_up_global_state()
        saved = sys.path[:]
        try:
            with contextlib.redirect_stderr(printed), contextlib.redirect_stdout(printed):
                build_main(["-b", "html", "-q", "-E", str(src), str(Path(tmp) / "out")])
        finally:
            sys.path[:] = saved
            _clean_up_global_state()
        page = (Path(tmp) / "out" / "index.html").read_text(encoding="utf-8")
    return page, printed.getvalue()


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document())
def test_every_generated_word_reaches_the_page(generated):
    source, words = generated
    page, printed = build(source)
    assert "Traceback" not in printed and "Exception occurred" not in printed, printed
    text = lxml_html.fromstring(page).text_content()
    missing = [word for word in words if word not in text]
    assert missing == [], f"lost {missing} from:\n{source}"
