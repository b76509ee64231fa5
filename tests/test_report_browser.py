"""The HTML report in a real browser: axe-core finds no WCAG 2.1 A/AA violation, plan
text with markup executes nothing, and screenshots show what a reader sees.

Needs Debian's `chromium` and `chromium-driver`, the Python package `selenium`, and
axe-core (`npm install --no-save --no-package-lock axe-core@4` in the repository, or
AXE_CORE_JS=/path/to/axe.min.js). tests/run.sh installs them. Outside CI the test
skips with the reason when one is missing; under CI=true it fails instead.

Screenshots: tests/artifacts/report.png (whole page), tests/artifacts/report-320.png
(a phone's width), tests/artifacts/report.pdf (printed on A4), and
docs/report-screenshot.png (the top of the page, for the README).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samplan.loader import read_file
from samplan.periods import parse_period, period_containing
from samplan.render import render_all, render_one, render_public
from samplan.report import PlanVersion
from samplan.report_public import promises

from .conftest import AS_OF, DATA, PLANS, ROOT, on_ci

ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"
CHROMIUM = ("/usr/bin/chromium", "chromium")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def _missing(reason: str) -> None:
    if on_ci():
        pytest.fail(f"browser test cannot run under CI: {reason}")
    pytest.skip(reason)


def _find(candidates: tuple[str, ...]) -> str | None:
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE_JS", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    if not path.is_file():
        _missing(
            f"axe-core not found at {path}: run `npm install --no-save --no-package-lock "
            "axe-core@4` in the repository or set AXE_CORE_JS"
        )
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("the Python package selenium is not installed (pip install -e '.[test]')")
    chromium = _find(CHROMIUM)
    driver_path = _find(CHROMEDRIVER)
    if chromium is None or driver_path is None:
        _missing("Debian's chromium and chromium-driver are not installed")
    assert chromium is not None and driver_path is not None
    with tempfile.TemporaryDirectory(prefix="samplan-chromium-") as profile:
        options = Options()
        options.binary_location = chromium
        for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def _viewport(driver: Any, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def _open(driver: Any, html: str, folder: Path, width: int = 1200, height: int = 1500) -> None:
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    _viewport(driver, width, height)
    driver.get(page.as_uri())


def _axe_violations(driver: Any, axe: str) -> list[dict[str, Any]]:
    driver.execute_script(axe)
    result: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r)).catch(e => done({error: String(e)}));",
        WCAG_21_AA,
    )
    assert "error" not in result, result
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    )


def _demo_html() -> str:
    plan = read_file(PLANS / "demo-sjovik-2026.yaml").plan
    assert plan is not None
    return render_one(
        plan,
        parse_period("2026T3"),
        AS_OF,
        "html",
        file="plans/demo-sjovik-2026.yaml",
        version=PlanVersion("3f9c2e1", dt.date(2026, 11, 20)),
    )


def _plans_pages() -> dict[str, str]:
    """Every page samplan writes for the plans in plans/: each plan's report alone,
    for the tertial that holds the as-of date (the plan's last day for a plan that
    ended), its residents' page when it has citizen promises, and what
    `samplan report plans/ -o DIR` writes (the reports read as families, the index)."""
    plans = []
    for path in sorted(PLANS.glob("*.yaml")):
        plan = read_file(path).plan
        assert plan is not None, path
        plans.append((f"plans/{path.name}", plan, None))
    pages: dict[str, str] = {}
    for file, plan, _ in plans:
        as_of = min(AS_OF, plan.period.end or AS_OF)
        period = period_containing(as_of, "tertial")
        pages[plan.id] = render_one(plan, period, as_of, "html", file=file)
        if promises(plan):  # the residents' page, `--audience public`
            pages[f"{plan.id}-public"] = render_public(plan, period, as_of, "html", file=file)
    together = render_all(plans, parse_period("2026T3"), AS_OF, "html")
    pages["index"] = together.pop("index.html")
    # A report read with its family: a parent's lägesbild, the family's measures.
    parents = {plan.parent for _, plan, _ in plans}
    pages.update(
        (f"{plan.id}-in-family", together[f"{plan.id}.html"])
        for _, plan, _ in plans
        if plan.parent or plan.id in parents
    )
    return pages


PAGES = _plans_pages()
# Reports a kommun publishes are read on a desktop and on a phone.
WIDTHS = (1200, 320)

# Tables (and the page) wider than the space they have: [what, by how many px].
_TOO_WIDE = """
const found = [];
for (const table of document.querySelectorAll('table')) {
  const over = table.getBoundingClientRect().width - table.parentElement.clientWidth;
  const caption = table.querySelector('caption');
  if (over > 0.5) found.push([caption ? caption.textContent : table.id, Math.ceil(over)]);
}
const page = document.documentElement.scrollWidth - window.innerWidth;
if (page > 0) found.push(['the page', page]);
return found;
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_is_accessible_and_fits(
    browser: Any, tmp_path: Path, page: str, width: int
) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation, and no table scrolls sideways:
    a table wider than its column hides its last columns (the status) off-screen."""
    axe = _axe_source()
    _open(browser, PAGES[page], tmp_path, width=width, height=1000)
    assert browser.execute_script("return document.documentElement.lang") in ("sv", "en")
    # Self-contained: the page loads nothing besides itself.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    too_wide = browser.execute_script(_TOO_WIDE)
    assert too_wide == [], f"{page} at {width} px, wider than their column: {too_wide}"
    violations = _axe_violations(browser, axe)
    assert violations == [], f"{page} at {width} px:\n" + _describe(violations)


def test_screenshots_and_print(browser: Any, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    _open(browser, _demo_html(), tmp_path)
    # The top of the page, as the README shows it.
    browser.save_screenshot(str(SCREENSHOT))
    height = browser.execute_script("return document.documentElement.scrollHeight")
    _viewport(browser, 1200, min(height, 16000))
    browser.save_screenshot(str(ARTIFACTS / "report.png"))
    _viewport(browser, 320, 2400)
    browser.save_screenshot(str(ARTIFACTS / "report-320.png"))
    _viewport(browser, 1200, 1500)
    pdf = browser.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    document = base64.b64decode(pdf["data"])
    (ARTIFACTS / "report.pdf").write_bytes(document)
    assert document.startswith(b"%PDF")
    # Every page is A4: 595 × 842 points (Chromium rounds to whole pixels).
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", document)
    assert boxes, "no pages in the PDF"
    for width, height in boxes:
        assert abs(float(width) - 595.3) < 1.5 and abs(float(height) - 841.9) < 1.5
    for path in (SCREENSHOT, ARTIFACTS / "report.png", ARTIFACTS / "report-320.png"):
        assert path.read_bytes().startswith(b"\x89PNG"), path


def test_plan_text_with_markup_executes_nothing(browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    plan = read_file(DATA / "report" / "hostile.yaml").plan
    assert plan is not None
    html = render_one(plan, parse_period("2026T1"), dt.date(2026, 4, 15), "html")
    _open(browser, html, tmp_path)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 (the property raises when no alert opened)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.images.length") == 0
    heading = browser.execute_script("return document.querySelector('h1').textContent")
    assert heading == "<script>alert(1)</script> Trygghet | i <b>Testby</b>"
