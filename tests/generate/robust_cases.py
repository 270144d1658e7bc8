"""Generate tests/roots/test-robust-*/ fixture projects (run once; committed)."""
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent / "roots"
CONF = '''# Fixture project of the catalogue of malformed sources (tests/test_robustness.py).
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
latex_engine = "xelatex"
'''
FM = '''---
document:
  title: Fixture record
  date: 1957-01-24
  author: Fixture Author
---

'''
def unit(n, text, original="", lang=None):
    opt = f":lang: {lang}\n" if lang else ""
    return f"::::{{unit}} {n}\n:::{{translation}}\n{text}\n:::\n:::{{original}}\n{opt}{original}\n:::\n::::\n\n"

cases = {}
cases["unit-unterminated"] = FM + "::::{unit} p1\n:::{translation}\nFirst paragraph of the unterminated fixture.\n:::\n:::{original}\n:::\n\n" + unit("p2", "Second paragraph swallowed by the first unit.")
cases["unit-wrong-nesting"] = FM + unit("p1", "First paragraph of the nesting fixture.") + ":::{translation}\nA side standing outside its unit.\n:::\n"
cases["unit-duplicate"] = FM + unit("p1", "First paragraph of the duplicate fixture.") + unit("p1", "Second paragraph numbered again p1.")
cases["unit-missing"] = FM + unit("p1", "First paragraph of the gap fixture.") + unit("p3", "Third paragraph after a gap.")
cases["unit-out-of-order"] = FM + unit("p2", "Second paragraph set first.") + unit("p1", "First paragraph set second.")
cases["unit-no-number"] = FM + "::::{unit}\n:::{translation}\nA paragraph whose unit has no number.\n:::\n:::{original}\n:::\n::::\n"
cases["unit-malformed-number"] = FM + unit("para7", "A paragraph numbered para7.")
cases["slot-unknown-language"] = FM + unit("p1", "A paragraph whose slot is in Klingon.", original="Fixture slot text.", lang="tlh")
cases["text-outside-unit"] = FM + unit("p1", "First paragraph inside its unit.") + "A stray paragraph standing outside any unit.\n"
cases["unit-missing-translation"] = FM + "::::{unit} p1\n:::{original}\n:::\n::::\n\nStray words after a unit without translation.\n"
cases["unit-missing-original"] = FM + "::::{unit} p1\n:::{translation}\nA paragraph whose unit lacks its slot.\n:::\n::::\n"
cases["unit-side-twice"] = FM + "::::{unit} p1\n:::{translation}\nOne translation side.\n:::\n:::{translation}\nAnother translation side.\n:::\n:::{original}\n:::\n::::\n"
cases["unit-stray-text-inside"] = FM + "::::{unit} p1\nWords inside the unit but outside its sides.\n\n:::{translation}\nThe side's own words.\n:::\n:::{original}\n:::\n::::\n"
cases["note-reference-without-note"] = FM + unit("p1", "A paragraph citing a missing note.[^9]")
cases["note-never-referenced"] = FM + unit("p1", "A paragraph citing no note.") + "[^1]: A note that nothing references.\n"
cases["interpolation-empty"] = FM + unit("p1", "A paragraph with an empty {interpolation}` ` interpolation.")
cases["mark-empty"] = FM + unit("p1", "A paragraph with an empty {sic}` <label>` mark.")
cases["commentary-attached-to-nothing"] = FM + unit("p1", "First paragraph of the commentary fixture.") + ":::{commentary}\nA comment standing outside any unit or note.\n:::\n"
cases["commentary-unknown-mark"] = FM + "::::{unit} p1\n:::{translation}\nA paragraph with a {sic}`reading <known>`.\n:::\n:::{original}\n:::\n:::{commentary} unknown\nA comment naming a mark that does not exist.\n:::\n::::\n"
cases["commentary-empty"] = FM + "::::{unit} p1\n:::{translation}\nA paragraph with an empty comment.\n:::\n:::{original}\n:::\n:::{commentary}\n:::\n::::\n"
cases["metadata-bad-date"] = FM.replace("1957-01-24", "1957-13-45") + unit("p1", "A paragraph under a bad date.")
cases["metadata-missing-title"] = FM.replace("  title: Fixture record\n", "") + unit("p1", "A paragraph under no title.")
cases["metadata-wrong-type"] = FM.replace("  author: Fixture Author\n", "  author: Fixture Author\n  translators:\n    one: two\n") + unit("p1", "A paragraph under a mistyped field.")
cases["metadata-unknown-field"] = FM.replace("  author: Fixture Author\n", "  author: Fixture Author\n  transaltors: [Misspelt]\n") + unit("p1", "A paragraph under a misspelt field.")
cases["metadata-not-a-mapping"] = "---\ndocument: [a, list]\n---\n\n# Fixture\n\n" + unit("p1", "A paragraph under a list for metadata.")
cases["raw-html"] = FM + unit("p1", "A paragraph with <b>raw</b> HTML <script>alert(1)</script> inside.")
big = " ".join(f"word{i}" for i in range(30000))
cases["paragraph-200kb"] = FM + unit("p1", "Start of a long paragraph. " + big + " End of the long paragraph.[^1]") + "[^1]: The long paragraph's note.\n\n" + unit("p3", "A unit after a gap, so that the case warns.")
nest = "A paragraph nested ten deep."
for depth in range(10):
    fence = ":" * (3 + depth)
    nest = f"{fence}{{commentary}}\n{nest}\n{fence}"
cases["nested-ten-deep"] = FM + "::::::::::::::{unit} p1\n:::{translation}\nThe unit's own paragraph.\n:::\n:::{original}\n:::\n" + nest + "\n::::::::::::::\n"
inj = '<script>alert(1)</script> \" & \\\\ % { } # _ $ ~ ^'
cases["injection-everywhere"] = f'''---
document:
  title: '{inj}'
  date: 1957-01-24
  author: '{inj}'
  recipients: ['{inj}']
  translators: ['{inj}']
  archive: '{inj}'
  record: '{inj}'
  summary: '{inj}'
  credits: '{inj}'
  original-language: '{inj}'
  bogus: '{inj}'
---

''' + unit("p1", "Text with specials: & % $ # _ { } ~ ^ \\\\ and <script>alert(2)</script>.", original="Slot with specials: & % $ # _ { } ~ ^", lang="zh-Hans") + unit("p3", "Gap so that the case warns.")
cases["scripts-and-emoji"] = FM + unit("p1", "Right-to-left שלום עולם and مرحبا, combining e\u0301 and a\u0308, emoji 📜✍️.", original="Fixture slot: שלום 📜", lang="zh-Hans") + unit("p3", "Gap so that the case warns.")

for name, text in cases.items():
    d = ROOT / f"test-robust-{name}"
    d.mkdir(parents=True, exist_ok=True)
    (d / "conf.py").write_text(CONF, encoding="utf-8")
    (d / "index.md").write_text(text, encoding="utf-8")
d = ROOT / "test-robust-not-utf8"
d.mkdir(exist_ok=True)
(d / "conf.py").write_text(CONF)
(d / "index.md").write_bytes(FM.encode() + b"::::{unit} p1\n:::{translation}\nA paragraph saved as Latin-1: Gomu\xb3ka.\n:::\n:::{original}\n:::\n::::\n")
print(len(cases) + 1)
