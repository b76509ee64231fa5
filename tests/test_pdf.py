"""`samplan report --format pdf`, read back as a person's PDF reader and an archive would.

Each plan in plans/ is rendered once (through the real entry point) and the PDF
is read back with pypdf: PDF/A-2a identification in the XMP, a structure tree
and marked content (tagged), /Lang, /Title, bookmarks from the headings, A4
pages numbered "Sida 3 av 12", and the text of every activity. Fonts are
checked with poppler's pdffonts, which tests/run.sh installs; outside CI a
missing pdffonts skips that one test, under CI=true it fails.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from samplan.corpus import read_plans

from .conftest import AS_OF, PLANS, ROOT, on_ci

PLAN_FILES = sorted(PLANS.glob("*.yaml"))
DEMO = PLANS / "demo-sjovik-2026.yaml"
SMALL = PLANS / "ljusdal-2014.yaml"
ARGS = ["--as-of", AS_OF.isoformat()]
SMALL_ARGS = ["--as-of", "2014-11-20"]  # within the plan's validity: no note on stderr
A4 = (595.28, 841.89)  # points


def samplan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "samplan", *args],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def render(plan: Path, target: Path, *extra: str) -> bytes:
    result = samplan("report", str(plan.relative_to(ROOT)), *ARGS, *extra, "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    return target.read_bytes()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The PDF report of every plan in plans/, by file name."""
    folder = tmp_path_factory.mktemp("pdf")
    return {plan.name: render(plan, folder / f"{plan.stem}.pdf") for plan in PLAN_FILES}


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in reader(data).pages]


def squeezed(text: str) -> str:
    """Text without spaces, line breaks and hyphens: a title the page broke over lines
    (and hyphenated) reads the same as the plan's."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def outline_titles(outlines: list[object]) -> Iterator[str]:
    for item in outlines:
        if isinstance(item, list):
            yield from outline_titles(item)
        else:
            yield str(item.title)  # type: ignore[attr-defined]


def test_every_plan_is_pdfa_2a(pdfs: dict[str, bytes]) -> None:
    for name, data in pdfs.items():
        pdf = reader(data)
        xmp = pdf.xmp_metadata
        assert xmp is not None, name
        raw = xmp.stream.get_data().decode("utf-8")
        assert re.search(r'pdfaid:part="2"', raw), name
        assert re.search(r'pdfaid:conformance="A"', raw), name
        root = pdf.trailer["/Root"]
        intent = root["/OutputIntents"][0].get_object()
        assert intent["/S"] == "/GTS_PDFA1"
        assert data.startswith(b"%PDF-1.7"), name


def test_tagged_with_a_structure_tree_and_marked_content(pdfs: dict[str, bytes]) -> None:
    pdf = reader(pdfs[DEMO.name])
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    tree = root["/StructTreeRoot"].get_object()
    assert isinstance(tree, DictionaryObject)
    elements = list(structure_elements(tree))
    kinds = {str(e["/S"]) for e in elements}
    # Headings, paragraphs and tables with header cells reach a screen reader as such.
    assert {"/Document", "/H1", "/H2", "/H3", "/P", "/Table", "/TR", "/TH", "/TD"} <= kinds
    # Each chart is a figure with its title as alternative text.
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
    for page in pdf.pages:
        content = page.get_contents()
        assert content is not None
        assert b"/MCID" in content.get_data()  # every page's text is marked content
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def structure_elements(node: object, depth: int = 0) -> Iterator[DictionaryObject]:
    node = getattr(node, "get_object", lambda: node)()
    if isinstance(node, list):
        for child in node:
            yield from structure_elements(child, depth)
    elif isinstance(node, DictionaryObject) and depth < 60:
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from structure_elements(node["/K"], depth + 1)


def test_language_title_and_bookmarks(pdfs: dict[str, bytes]) -> None:
    pdf = reader(pdfs[DEMO.name])
    assert pdf.trailer["/Root"]["/Lang"] == "sv"
    title = "Uppföljning av tertial 3 2026 – Samverkansöverenskommelse och åtgärdsplan för"
    assert pdf.metadata is not None and str(pdf.metadata.title).startswith(title)
    assert pdf.xmp_metadata is not None
    assert str(pdf.xmp_metadata.dc_title["x-default"]).startswith(title)
    marks = list(outline_titles(pdf.outline))
    assert marks[0].startswith("Samverkansöverenskommelse och åtgärdsplan")  # the h1
    for heading in (
        "Inledning",
        "Sammanfattning",
        "Prioriterade områden",
        "Produktion, process och effekt",
    ):
        assert heading in marks
    assert "Trygg offentlig miljö i centrum och Norrbacka" in marks  # an area (h3)
    assert "Händelser under perioden" not in marks  # each area's h4: noise in a bookmark list
    assert "Innehåll" in marks  # the contents, with page numbers


def test_a4_pages_numbered_sida_n_av_m(pdfs: dict[str, bytes]) -> None:
    for name, data in pdfs.items():
        pdf = reader(data)
        count = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            box = page.mediabox
            assert (round(float(box.width), 2), round(float(box.height), 2)) == A4, name
            assert f"Sida {number} av {count}" in page.extract_text(), (name, number)


def test_every_activity_title_is_text_in_the_pdf(pdfs: dict[str, bytes]) -> None:
    corpus = read_plans([PLANS], AS_OF)
    checked = 0
    for file, plan in corpus.plans():
        text = squeezed(" ".join(page_texts(pdfs[Path(file.file).name])))
        for area in plan.areas:
            for activity in area.activities:
                assert squeezed(activity.title) in text, (file.file, activity.title)
                checked += 1
    assert checked > 50


def test_the_contents_say_on_which_page_each_part_starts(pdfs: dict[str, bytes]) -> None:
    texts = page_texts(pdfs[DEMO.name])
    contents = re.search(r"Innehåll(.*?)Inledning\n", texts[0], re.S)
    assert contents is not None
    listed = dict(re.findall(r"^([^.\n]+?) ?\.{3,} ?(\d+)$", contents.group(1), re.M))
    assert len(listed) == 13, texts[0]  # the report's h2 sections
    for heading, page in listed.items():
        # The part starts on that page (its heading is on it, outside the contents).
        assert heading in texts[int(page) - 1].replace("\n", " "), (heading, page)


def test_same_input_and_as_of_give_the_same_bytes(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    again = render(SMALL, tmp_path / "again.pdf")
    assert again == pdfs[SMALL.name]
    assert b"/CreationDate" not in again and b"/ModDate" not in again


def test_fonts_are_embedded_and_have_swedish_letters(
    pdfs: dict[str, bytes], tmp_path: Path
) -> None:
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        if on_ci():
            pytest.fail("pdffonts (Debian's poppler-utils) is missing; tests/run.sh installs it")
        pytest.skip("pdffonts (poppler-utils) is not installed")
    target = tmp_path / "demo.pdf"
    target.write_bytes(pdfs[DEMO.name])
    listing = subprocess.run([pdffonts, str(target)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        *_, emb, _sub, uni, _obj, _gen = row.split()
        assert (emb, uni) == ("yes", "yes"), row
    assert any("DejaVu-Sans" in row for row in rows)
    text = " ".join(page_texts(pdfs[DEMO.name]))
    assert "Sjöviks kommun" in text and "Våld i nära relation" in text and "Läget per" in text


def test_english_report(tmp_path: Path) -> None:
    pdf = reader(render(SMALL, tmp_path / "report.pdf", "--lang", "en"))
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    count = len(pdf.pages)
    assert f"Page 1 of {count}" in pdf.pages[0].extract_text()


def test_folder_of_pdf_reports(tmp_path: Path) -> None:
    out = tmp_path / "rapporter"
    result = samplan(
        "report", "plans/ljusdal-2014.yaml", "plans/harnosand-2012.yaml", *ARGS, "--format",
        "pdf", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    names = sorted(p.name for p in out.iterdir())
    assert names == ["harnosand-2012.pdf", "index.pdf", "ljusdal-2014.pdf"]
    for name in names:
        pdf = reader((out / name).read_bytes())
        assert pdf.trailer["/Root"]["/StructTreeRoot"]
    index = reader((out / "index.pdf").read_bytes()).pages[0].extract_text()
    assert "Härnösand" in index and "Ljusdal" in index


@pytest.mark.parametrize(
    ("name", "start"),
    [("rapport.md", b"# "), ("rapport.html", b"<!DOCTYPE html>"), ("r.htm", b"<!DOCTYPE html>")],
)
def test_the_file_name_chooses_the_format(name: str, start: bytes, tmp_path: Path) -> None:
    result = samplan("report", "plans/ljusdal-2014.yaml", *ARGS, "-o", str(tmp_path / name))
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / name).read_bytes().startswith(start)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "rapport.docx"], "samplan cannot write .docx files; name the file with one of"),
        (["-o", "rapport.doc", "--lang", "en"], "samplan cannot write .doc files"),
    ],
)
def test_a_file_name_samplan_cannot_write_is_refused(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samplan", "report", str(SMALL), *SMALL_ARGS, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"samplan: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


# A stand-in for WeasyPrint that fails as the real one does, found before it on the path.
MISSING_PANGO = """raise OSError(
    "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\\n"
    "Additionally, ctypes.util.find_library() did not manage to locate a library"
)"""
BROKEN = """class HTML:
    def __init__(self, **kwargs):
        pass
    def write_pdf(self, **kwargs):
        raise ValueError("layout went wrong")
CSS = None
"""


@pytest.mark.parametrize(
    ("module", "code", "message"),
    [
        (
            MISSING_PANGO,
            2,
            "samplan: error: cannot write PDF: cannot load library 'libpango-1.0-0'",
        ),
        (BROKEN, 3, "samplan: internal error: the PDF could not be made: ValueError: layout"),
    ],
)
def test_weasyprint_failures_are_one_clear_line(
    module: str, code: int, message: str, tmp_path: Path
) -> None:
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(module)
    target = tmp_path / "out" / "rapport.pdf"
    target.parent.mkdir()
    path = os.pathsep.join([str(fake.parent), str(ROOT / "src")])
    result = samplan("report", str(SMALL), *SMALL_ARGS, "-o", str(target), env={"PYTHONPATH": path})
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert stderr.startswith(message), stderr
    assert "Traceback" not in stderr
    assert list(target.parent.iterdir()) == []
    if code == 2:
        assert stderr.count("\n") == 1 and "apt-get install libpango-1.0-0" in stderr


def test_the_public_page_of_a_citizen_promise_as_pdf(tmp_path: Path) -> None:
    """`--audience public -o lofte.pdf` is a PDF/A of the residents' page, not HTML in a .pdf."""
    promise = PLANS / "demo-sjovik-2026-medborgarlofte.yaml"
    data = render(promise, tmp_path / "lofte.pdf", "--audience", "public")
    assert data.startswith(b"%PDF-")
    text = squeezed(" ".join(page_texts(data)))
    corpus = read_plans([PLANS], AS_OF)
    [plan] = [p for f, p in corpus.plans() if Path(f.file).name == promise.name]
    titles = [activity.title for area in plan.areas for activity in area.activities]
    assert titles and all(squeezed(title) in text for title in titles)
