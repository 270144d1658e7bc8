"""Fast look-ups of pybtex plugins while citations are formatted.

pybtex finds a plugin (a backend such as ``plaintext`` or ``text``, a style)
by scanning the entry points of every installed distribution, and it does so
on every look-up: sphinxcontrib-bibtex looks up the plain-text backend once
for every citation it resolves, and every ``Text.render_as("text")`` looks up
a backend again. Each scan took 17-40 ms here, which made citations the
largest cost of a build after the search index (see BENCHMARKS.md).

pybtex checks the plugins registered at run time before it scans, so this
module scans once at start-up and registers, for the groups that are looked
up while citations are formatted, the very classes the entry points name:
the same plugins, without the scans. It fills pybtex's run-time registry
directly because ``pybtex.plugin.register_plugin`` itself scans the entry
points once per plugin it registers.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from sphinx.application import Sphinx

#: pybtex plugin groups looked up while citations are resolved and formatted
GROUPS = ("pybtex.backends", "pybtex.style.formatting", "pybtex.style.labels",
          "pybtex.style.names", "pybtex.style.sorting")


def register(app: Sphinx) -> None:
    try:
        from pybtex import plugin
    except ImportError:  # pybtex is not installed: no citations to speed up
        return
    registry = getattr(plugin, "_RUNTIME_PLUGINS", None)
    if not isinstance(registry, dict):  # a pybtex we do not know: leave it be
        return
    installed = entry_points()
    for base in GROUPS:
        for group in (base, f"{base}.aliases"):
            for entry in installed.select(group=group):
                try:
                    klass = entry.load()
                except Exception:  # noqa: BLE001 - a broken plugin is pybtex's to report
                    continue
                # An alias (``text`` for ``plaintext``) goes under the base
                # group too: pybtex scans the base group's entry points before
                # it looks at the aliases. A plugin already registered at run
                # time (a project's own style, say) keeps precedence.
                for target in {group, base}:
                    registry.setdefault(target, {}).setdefault(entry.name, klass)


def setup(app: Sphinx) -> None:
    register(app)
