"""axe-core in the browser: the accessibility check every page is held to.

``axe_violations(page)`` runs axe-core (npm ``axe-core``, from
``node_modules/``) on the page a Playwright ``page`` has loaded, with axe's
default rules (WCAG 2.x A and AA and its best practices), and returns the
violations, each as ``"rule-id: help (selector, ...)"``. Any test can load a
page, put it in a state (a reading mode, dark colours, a register) and
assert ``axe_violations(page) == []``.

The script is evaluated through the DevTools protocol, not added as a
``<script>`` element, so a page's Content-Security-Policy does not stop it.
"""

from __future__ import annotations

import functools

from validators import AXE, require_npm


@functools.cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


#: the axe rules whose outcome depends on colours. A page in the dark colour
#: scheme differs from the light one in colours only (the stylesheets'
#: ``prefers-color-scheme: dark`` blocks set colours, and
#: tests/test_validators.py holds them to that), so in the dark scheme these
#: are the rules that can find something the light scheme's full run did not.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def axe_violations(page, options: dict | None = None, scheme: str = "light") -> list[str]:
    """axe-core's violations on *page* (a Playwright Page), as readable lines:
    every rule in the light scheme, the colour rules in the dark one."""
    require_npm(AXE, "chromium")
    if scheme == "dark" and options is None:
        options = {"runOnly": {"type": "rule", "values": list(COLOUR_RULES)}}
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;void 0")
    results = page.evaluate(
        "async (options) => await window.axe.run(document, options)", options or {})
    return [
        f"{v['id']}: {v['help']} ({', '.join(t for n in v['nodes'] for t in map(str, n['target']))})"
        for v in results["violations"]
    ]
