"""Fast look-ups of pybtex's and sphinxcontrib-bibtex's plugins.

pybtex finds a plugin (a backend such as ``plaintext`` or ``text``, a style,
the BibTeX parser) by scanning the entry points of every installed
distribution, and it does so on every look-up: sphinxcontrib-bibtex looks up
the plain-text backend once for every citation it resolves, every
``Text.render_as("text")`` looks up a backend again, reading ``bib/`` looks
up the parser, and registering a style of our own scans once more.
sphinxcontrib-bibtex does the same for its referencing styles (``author_year``,
``foot``). Each scan reads the metadata of every installed distribution: 4 to
6 ms here, 17-40 ms on a busy machine, which made citations the largest cost
of a build after the search index (see BENCHMARKS.md), and half a dozen scans
a fixed cost of every build.

Both libraries check the plugins registered at run time before they scan, so
this module scans once, when the edition is set up (:func:`installed`), and
puts the installed entry points of their groups into those run-time
registries (:func:`register`): the same plugins, without the scans. Each
plugin is loaded only when it is first asked for (:class:`Installed`), so a
build does not import the styles and backends it never uses. The registries
are filled directly because the libraries' own ``register_plugin`` scan the
entry points once per plugin they register (and pybtex's even with
``force``); :func:`register_forced` registers a plugin of ours that way too.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from sphinx.application import Sphinx

#: sphinxcontrib-bibtex's plugin groups (its registry knows no others)
BIBTEX_GROUPS = ("sphinxcontrib.bibtex.style.referencing",)


@cache
def installed() -> dict[str, list[EntryPoint]]:
    """Every installed entry point by its group, in the order of the scan;
    scanned once per process (``EntryPoints.select`` would go through all of
    them again for each group)."""
    groups: dict[str, list[EntryPoint]] = {}
    for entry in entry_points():
        groups.setdefault(entry.group, []).append(entry)
    return groups


class Installed(dict):
    """A library's run-time plugins of one group, with the group's installed
    entry points behind them: a name no plugin was registered under at run
    time is looked up among the entry points (the first one of that name,
    as the library's own scan takes it) and loaded then, once."""

    def __init__(self, entries: list[EntryPoint]) -> None:
        super().__init__()
        self.entries: dict[str, EntryPoint] = {}
        for entry in entries:
            self.entries.setdefault(entry.name, entry)

    def __missing__(self, name: str) -> Any:
        entry = self.entries.get(name)
        if entry is None:
            raise KeyError(name)
        klass = self[name] = entry.load()
        return klass

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


def _fill(registry: dict[str, Any], group: str, entries: list[EntryPoint]) -> None:
    """Put *entries* behind *registry*'s plugins of *group*; a plugin already
    registered at run time (a project's own style, say) keeps precedence."""
    known = Installed(entries)
    known.update(registry.get(group) or {})
    registry[group] = known


def register(app: Sphinx | None) -> None:
    installed_points = installed()
    try:
        from pybtex import plugin
    except ImportError:  # pybtex is not installed: no citations to speed up
        plugin = None
    registry = getattr(plugin, "_RUNTIME_PLUGINS", None)
    defaults = getattr(plugin, "_DEFAULT_PLUGINS", None)
    if isinstance(registry, dict) and isinstance(defaults, dict):  # a pybtex we know
        for base in defaults:
            for group in (base, f"{base}.aliases", f"{base}.suffixes"):
                entries = installed_points.get(group, [])
                if group == base:
                    # An alias (``text`` for ``plaintext``) goes under the base
                    # group too: pybtex scans the base group's entry points
                    # before it looks at the aliases.
                    entries = entries + installed_points.get(f"{base}.aliases", [])
                _fill(registry, group, entries)
    try:
        from sphinxcontrib.bibtex import plugin as bibtex_plugin
    except ImportError:
        return
    bibtex_registry = getattr(bibtex_plugin, "_runtime_plugins", None)
    if isinstance(bibtex_registry, dict):  # a sphinxcontrib-bibtex we know
        for group in BIBTEX_GROUPS:
            if group in bibtex_registry:  # its registry refuses other groups
                _fill(bibtex_registry, group, installed_points.get(group, []))


def register_forced(group: str, name: str, klass: type) -> None:
    """pybtex's ``register_plugin(group, name, klass, force=True)``, without
    its scan of the entry points."""
    from pybtex import plugin

    registry = getattr(plugin, "_RUNTIME_PLUGINS", None)
    if isinstance(registry, dict):
        registry.setdefault(group, {})[name] = klass
    else:
        plugin.register_plugin(group, name, klass, force=True)


def setup(app: Sphinx) -> None:
    register(app)
