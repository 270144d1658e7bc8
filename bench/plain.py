"""The same text as plain MyST, for plain Sphinx: the benchmark's baseline.

:func:`plain_markdown` strips the edition's markup from a source file and
keeps every word: directive fences of the edition (``unit``, ``translation``,
``original``, ``commentary`` and any other that Sphinx and MyST do not know)
go, their content stays as ordinary paragraphs; roles become their text
(interpolations keep their brackets, ``{sic}`` adds ``[sic]``, a bare citation
is dropped, a citation that marks words of the text keeps them); the ``document`` front matter becomes a
heading and plain lines. MyST footnotes (the notes) are plain MyST already
and are kept. :func:`make_plain_project` writes a whole plain project: the
stripped sources and a ``conf.py`` with MyST and nothing else, on Sphinx's
default theme (alabaster).

Line-based on purpose: the edition's markup is fenced (``:::{name}``) and
roles are one-line, so a few regular expressions suffice, and the stripper
keeps working when other helpers add directives or roles (an unknown
directive's fences are dropped, an unknown role becomes its text).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

#: directives plain Sphinx + MyST understands and the plain project keeps
KEEP_DIRECTIVES = {"toctree", "note", "warning", "code-block", "code", "image",
                   "figure", "math", "table", "list-table", "csv-table", "contents",
                   "admonition", "epigraph", "rubric", "raw", "include"}
#: directives of libraries the plain project does not load: dropped with content
DROP_DIRECTIVES = {"bibliography"}

FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>:{3,}|`{3,})\{(?P<name>[\w:.-]+)\}(?P<arg>.*)$")
FENCE_CLOSE = re.compile(r"^\s*(:{3,}|`{3,})\s*$")
OPTION = re.compile(r"^\s*:[\w-]+:")
#: a role; its text may be set off by more backticks when it holds a role
#: itself (``{citation}``(... {sic}`zhuoyeu <sic-zhuoyeu>` ...) <key>`` ``)
ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}(?P<ticks>`+)(?P<body>.+?)(?P=ticks)(?!`)")
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<label>[^<>]*)>$", re.S)


def role_text(match: re.Match[str]) -> str:
    name, body = match["name"], match["body"]
    explicit = EXPLICIT.match(body)
    text = explicit["text"] if explicit else body
    if name == "interpolation":
        return f"[{text}]"
    if name == "sic":
        return f"{text} [sic]"
    if name.startswith("cite") or name in {"citation", "footcite"}:
        # ``{citation}`words of the text <key>``` keeps its words; a bare
        # reference (``{cite:p}`key```) is the edition's, not the text's, and
        # is dropped, as it may stand between a word and its punctuation
        return ROLE.sub(role_text, text) if explicit else ""
    if name in {"doc", "ref", "term", "math", "abbr", "sub", "sup"}:
        return match.group(0)
    return text


def front_matter(lines: list[str]) -> tuple[list[str], list[str]]:
    """(plain lines for the ``document`` front matter, the rest of the file)."""
    if not lines or lines[0].strip() != "---":
        return [], lines
    try:
        end = lines.index("---", 1)
    except ValueError:
        return [], lines
    data = yaml.safe_load("\n".join(lines[1:end])) or {}
    meta = data.get("document") if isinstance(data, dict) else None
    if not isinstance(meta, dict):
        return [], lines[end + 1:]
    out = [f"# {meta.get('title', 'Document')}", ""]
    for key, value in meta.items():
        if key == "title":
            continue
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        out += [f"{key}: {value}", ""]
    return out, lines[end + 1:]


def plain_markdown(text: str) -> str:
    """The text of an edition source file as plain MyST."""
    head, lines = front_matter(text.splitlines())
    out: list[str] = list(head)
    # a stack of open fences: (fence string, kept?)
    stack: list[tuple[str, bool]] = []
    dropping = 0
    in_options = False
    for line in lines:
        opened = FENCE_OPEN.match(line)
        if opened:
            name = opened["name"]
            if name in DROP_DIRECTIVES or dropping:
                dropping += 1
                stack.append((opened["fence"], False))
                continue
            keep = name in KEEP_DIRECTIVES
            stack.append((opened["fence"], keep))
            in_options = True
            if keep:
                out.append(line)
            elif opened["arg"].strip() and name not in {"unit", "translation", "original",
                                                        "commentary"}:
                out.append(opened["indent"] + opened["arg"].strip())
            continue
        closed = FENCE_CLOSE.match(line)
        if closed and stack and closed.group(1).startswith(stack[-1][0][0]):
            _, keep = stack.pop()
            if dropping:
                dropping -= 1
            elif keep:
                out.append(line)
            else:
                out.append("")
            in_options = False
            continue
        if dropping:
            continue
        if in_options and stack and not stack[-1][1] and OPTION.match(line):
            continue
        in_options = False
        out.append(ROLE.sub(role_text, line))
    # collapse runs of blank lines left by dropped fences
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out).strip()) + "\n"
    return text


PLAIN_CONF = '''\
"""Plain Sphinx + MyST, no edition extension: the benchmark's baseline."""
project = {project}
author = {author}
extensions = ["myst_parser"]
source_suffix = {{".md": "markdown"}}
myst_enable_extensions = ["colon_fence", "deflist"]
smartquotes = False
root_doc = "index"
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [(root_doc, "plain.tex", project, author, "howto")]
# the sources name people and places in Chinese script (registers, the
# bibliography): a Chinese face, as the edition's own PDF sets them
latex_elements = {{"preamble": r"\\usepackage{{xeCJK}}\\setCJKmainfont{{Noto Serif CJK SC}}"}}
html_theme = {theme}
{extra}
'''


def make_plain_project(source: Path, dest: Path, *, theme: str = "alabaster",
                       sidebars: bool = True, project: str = "Plain baseline",
                       author: str = "Zhou Enlai") -> Path:
    """Write the plain twin of the source folder *source* into *dest*."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for path in sorted(source.rglob("*.md")):
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")
    # the images the pages show (the editors' guide's screenshots), as they are
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix.lower() in {".png", ".jpg", ".jpeg", ".svg", ".gif"}:
            target = dest / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    extra = "" if sidebars else "html_sidebars = {'**': []}"
    (dest / "conf.py").write_text(PLAIN_CONF.format(
        project=json.dumps(project), author=json.dumps(author),
        theme=json.dumps(theme), extra=extra), encoding="utf-8")
    return dest


if __name__ == "__main__":
    import sys

    sys.stdout.write(plain_markdown(Path(sys.argv[1]).read_text(encoding="utf-8")))
