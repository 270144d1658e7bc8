"""Generate tests/roots/test-collection: 30 documents using every feature.
FIXTURE TEXT: the words are invented filler, the Chinese-script slots hold
fixture sentences, not a transcription or translation of any record."""
from pathlib import Path
root = Path(__file__).resolve().parent.parent / "roots" / "test-collection"
(root / "docs").mkdir(parents=True, exist_ok=True)
(root / "conf.py").write_text('''# Fixture project: a collection of 30 generated documents that use every
# feature of the edition (FIXTURE TEXT, not a real record), for -j and
# incremental-build tests.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
bibtex_bibfiles = ["refs.bib"]
html_theme = "edition"
''', encoding="utf-8")
(root / "refs.bib").write_text('''@book{fixturebook,
  author = {Fixture, Author},
  title = {A Fixture Book},
  publisher = {Fixture Press},
  address = {Nowhere},
  year = {2000},
}
''', encoding="utf-8")
names = [f"doc{i:02d}" for i in range(1, 31)]
entities = ["# FIXTURE registers of the generated collection (not real entities).\n"]
for k in range(5):
    entities.append(f"person-{k}:\n  kind: person\n  standard: Person {k}\n  spelled: [Person {k}]\n"
                    f"  identification: fixture person {k}\n  witness: [\"docs/doc01: note 1\"]\n")
for k in range(4):
    entities.append(f"place-{k}:\n  kind: place\n  standard: Place {k}\n  spelled: [Place {k}]\n"
                    f"  identification: fixture place {k}\n  witness: [\"docs/doc01: p1\"]\n")
for key, kind, name in [("author-0", "person", "Fixture Author 0"), ("author-1", "person", "Fixture Author 1"),
                        ("author-2", "person", "Fixture Author 2"), ("recipient", "person", "Fixture Recipient"),
                        ("translator", "person", "Fixture Translator"), ("archive", "organisation", "Fixture Archive")]:
    entities.append(f"{key}:\n  kind: {kind}\n  standard: {name}\n  spelled: [{name}]\n")
(root / "entities.yaml").write_text("\n".join(entities), encoding="utf-8")
(root / "registers.md").write_text("# Fixture registers\n\n:::{register} person\n:::\n\n:::{register} place\n:::\n", encoding="utf-8")
events = ["# Fixture chronology\n"]
for i in (1, 2, 3, 10, 20, 29):
    events.append(f":::{{event}} 1957-01-{(i % 28) + 1:02d}\n:source: docs/doc{i:02d}: note 2\n"
                  f":quote: Fixture note two of document {i}.\n:label: Fixture event {i}\n"
                  f"Fixture event drawn from document {i}\n:::\n")
events.append(":::{chronology}\n:::\n")
(root / "chronology.md").write_text("\n".join(events), encoding="utf-8")
(root / "index.md").write_text("# Fixture collection\n\n```{toctree}\n:maxdepth: 1\n\n" + "\n".join(f"docs/{n}" for n in names) + "\nregisters\nchronology\n```\n\n```{bibliography}\n```\n", encoding="utf-8")
for i, name in enumerate(names, 1):
    filled = i % 3 == 0
    units = []
    for p in range(1, 4):
        original = f"夹具文本第{i}篇第{p}段。\n" if filled and p != 2 else ""
        extra = ""
        if p == 1:
            text = (f"Fixture document {i} paragraph {p} names {{person}}`Person {i % 5} <person-{i % 5}>` "
                    f"and {{place}}`Place {i % 4} <place-{i % 4}>` with {{interpolation}}`supplied words {i}`.[^1]")
        elif p == 2:
            text = (f"Fixture document {i} paragraph {p} keeps a {{sic}}`readng{i} <sic-{i}>` and an "
                    f"omission {{omission}}`. . . <omission-{i}>` and cites {{cite:p}}`fixturebook`.[^2]")
            extra = f":::{{commentary}} sic-{i}\nFixture comment on the kept reading {i}.\n:::\n"
        else:
            text = f"Fixture document {i} paragraph {p} is {{rejoin}}`split here <rejoin-{i}>` and ends."
            extra = ":::{commentary}\nFixture comment on the paragraph as a whole.\n:::\n"
        units.append(f"::::{{unit}} p{p}\n:::{{translation}}\n{text}\n:::\n:::{{original}}\n{original}:::\n{extra}::::\n")
    front = f'''---
document:
  title: "Fixture record {i}"
  date: 1957-01-{(i % 28) + 1:02d}
  author: Fixture Author {i % 3}
  recipients: [Fixture Recipient]
  translators: [Fixture Translator]
  archive: Fixture Archive
  record: "{1000 + i}"
---

'''
    notes = f"[^1]: Fixture note one of document {i}, naming {{person}}`Person {i % 5} <person-{i % 5}>`.\n\n[^2]: Fixture note two of document {i}.\n"
    (root / "docs" / f"{name}.md").write_text(front + "\n".join(units) + "\n" + notes, encoding="utf-8")
print("ok")
