"""Word documents shaped like kommuners' action plans, written with python-docx.

`python -m tests.docx_plans DIR` writes them to DIR to open in Word or LibreOffice;
`python -m tests.docx_plans` writes the examples docs/tools.md imports to docs/examples/
(a test checks that the files there are what this script writes).
The tables hold what the seeds in plans/ hold (Härnösand's Mål | Aktivitet | När |
Ansvarig, Landskrona's bilagor with Uppföljning); `word_style` is written the way
Word writes: a table of contents as a table, two header rows under merged cells,
Swedish style ids, a table inside a content control, multi-line cells.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table

HARNOSAND_SECTIONS = [
    (
        "1. Förebyggande arbete ungdomar",
        "Brott som begås av ungdomar är ofta relaterade till bruk av alkohol och narkotika.",
        [
            ("Ökad kontakt mellan polis, föräldrar och skolpersonal",
             "Kontaktuppgifter ska lämnas mellan polis och skola", "Under 2012",
             "Polis och skola"),
            ("Förebygga nätmobbing och grooming", "Föreläsning för elever och föräldrar.",
             "Under 2012", "Kommunen i samverkan med polis"),
            ("Främja och stötta föräldraengagemang", "Starta upp vuxna på stan\nMarknadsföra",
             "Under helgkvällar/nätter", "Kommunen i samverkan med polisen"),
        ],
    ),
    (
        "2. Trygga medborgare i ett tryggt centrum",
        "Ett av målen för Härnösands kommun 2012 är att minska oron för brottslighet.",
        [
            ("Aktiv krog tillsyn inne och ute",
             "Kontakt med ordningsvakter under kvällar samt synliga poliser vid krogstängning",
             "Kontinuerligt varje fredag och lördag", "Polis"),
            ("Erbjuda trygghetsvandringar", "Utföra trygghetsvandring (ar)", "Under hösten 2012",
             "Kommun och polis"),
        ],
    ),
    (
        "5. Livsstilskriminella",
        "Målet är att få de livsstilskriminella bort från brott och missbruk.",
        [
            ("Minska förekomst av mängdbrott och ordningsstörningar",
             "Samverka mellan polis, fältarbetare och frivård genom arbetsgrupp",
             "Uppföljning månadsvis", "Polis och kommun"),
            ("", "Öka och aktualisera anmälningar enligt LVM 6 § samt SOL 14 §",
             "Under projektiden", "Polis och kommun"),
        ],
    ),
]  # fmt: skip


def add_table(document: Document, rows: Sequence[Sequence[str]]) -> Table:
    """A table with one paragraph per line of each cell, as Word keeps them."""
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            first, *more = value.split("\n")
            cell.text = first
            for line in more:
                cell.add_paragraph(line)
    return table


def harnosand(path: Path) -> Path:
    """Härnösand's handlingsplan: headings per area, a Bakgrund, then the table."""
    document = docx.Document()
    document.add_heading("Handlingsplan för ökad trygghet i Härnösands kommun 2012–2013", 0)
    document.add_paragraph("Överenskommelse mellan Härnösands närpolisområde och kommunen.")
    for heading, background, rows in HARNOSAND_SECTIONS:
        document.add_heading(heading, 1)
        document.add_heading("Bakgrund", 2)
        document.add_paragraph(background)
        table = add_table(document, [("Mål", "Aktivitet", "När", "Ansvarig"), *rows])
        if heading.startswith("5."):  # the goal's cell spans both activities
            table.cell(1, 0).merge(table.cell(2, 0))
    document.add_paragraph("Kontaktinformation: Thomas Nyberg, Fred Nilsson")
    document.save(path)
    return path


def landskrona(path: Path) -> Path:
    """Landskrona's bilagor: area headings above numbered measures, Uppföljning texts."""
    document = docx.Document()
    document.add_heading(
        "Bilagor till överenskommelse om samverkan för ökad trygghet i Landskrona 2018/2019", 0
    )
    document.add_heading("Trygghet", 1)
    document.add_heading("1. Hot spots riktad patrullering", 2)
    document.add_paragraph("I polisens trygghetsmätning från 2016 finns en större otrygghet.")
    add_table(
        document,
        [
            ("Aktivitet", "Ansvarig", "Tidplan", "Uppföljning"),
            ("Riktad patrullering vid hot spots i Karlslundsområdet", "Polisen",
             "Under 2018/19", "Antalet polisanmälda fall av misshandel utomhus\n"
             "Andelen som känner sig trygga ute på kvällen"),
            ("Fotpatrullering där polisen besöker butiker och skolor", "Polisen",
             "Kontinuerligt", "Genomförd"),
        ],
    )  # fmt: skip
    document.add_heading("Ungdomar i riskzon", 1)
    document.add_heading("5. Samarbete skola-socialtjänst-polis", 2)
    add_table(
        document,
        [
            ("Aktivitet", "Ansvarig", "Tidplan", "Uppföljning"),
            ("Kontaktpoliser på fem till åtta skolor",
             "Utbildningsförvaltningen i samarbete med individ- och familjeförvaltningen, "
             "stadsledningskontoret och polisen", "Under 2018 och 2019", "Pågår"),
        ],
    )  # fmt: skip
    document.save(path)
    return path


STATUSES = [
    ("Trygghetsvandring i centrum", "Kommunen", "Vecka 12", "Genomförd"),
    ("Medborgardialog om trygghet", "Polisen i samarbete med kommunen", "Under våren", "PÅGÅR."),
    ("Informationsträff för fastighetsägare", "Kommunen", "Senast 30 juni", "Ej påbörjad"),
    ("Kameraövervakning vid resecentrum", "Polisen", "Under hösten", "Avbruten"),
    ("Nattvandring fredagar", "Föreningen Nattvandrarna", "Varje fredag", "Vilande"),
    ("Belysning i gångtunneln", "Tekniska förvaltningen", "Senast 1 oktober", "klart!"),
    ("Klotterplank", "Fritidsförvaltningen", "Under sommaren", "Pausad"),
]


def word_style(path: Path) -> Path:
    """As Word writes it: a TOC table, Swedish style ids, merged header cells, a content
    control around the table, a status column, and no year in any När."""
    document = docx.Document()
    _swedish_style_ids(document)
    title = document.add_paragraph("Medborgarlöfte för Sjöviks kommun 2019")
    title.style = document.styles["Title"]
    toc = add_table(document, [("Innehåll", "Sida"), ("Medborgarlöfte", "2"), ("Åtgärder", "3")])
    toc.rows[0].cells[0].paragraphs[0].runs[0].bold = True
    document.add_heading("Trygg och säker stadskärna", 1)
    document.add_heading("Åtgärder", 2)
    table = add_table(
        document,
        [
            ("Åtgärd", "Ansvar", "", "När/Tidplan", "Status/Uppföljning"),
            ("", "Ansvarig", "Samverkanspartner", "", ""),
            *[(a, r, "", w, s) for a, r, w, s in STATUSES],
        ],
    )
    table.cell(0, 1).merge(table.cell(0, 2))  # "Ansvar" over two columns
    for column in (0, 3, 4):  # the other headers span both header rows
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(2, 2).paragraphs[0].add_run("Handeln").add_break()
    table.cell(2, 2).paragraphs[0].add_run("Räddningstjänsten")
    _in_content_control(table)
    document.add_paragraph("Löftet följs upp av Brå två gånger om året.")
    document.save(path)
    return path


def no_action_table(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Överenskommelse om samverkan 2020", 0)
    add_table(document, [("Part", "Företrädare"), ("Polisen", "Lokalpolisområdeschef")])
    document.save(path)
    return path


def _swedish_style_ids(document: Document) -> None:
    """Word in Swedish names the built-in styles' ids `Rubrik`, `Rubrik1` ..."""
    ids = {"Title": "Rubrik", "Heading1": "Rubrik1", "Heading2": "Rubrik2"}
    for style in document.styles:
        if style.style_id in ids:
            style.style_id = ids[style.style_id]


def _in_content_control(table: Table) -> None:
    tbl = table._tbl
    sdt = tbl.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    tbl.addprevious(sdt)
    sdt.append(content)
    content.append(copy.deepcopy(tbl))
    tbl.getparent().remove(tbl)


BUILDERS = {
    "harnosand.docx": harnosand,
    "landskrona.docx": landskrona,
    "word-style.docx": word_style,
    "no-action-table.docx": no_action_table,
}

# The examples in docs/ (docs/tools.md runs `samplan import` on them).
EXAMPLES = {"handlingsplan-2012.docx": harnosand, "medborgarlofte-2019.docx": word_style}
DOCS_EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"

if __name__ == "__main__":
    if sys.argv[1:]:
        folder = Path(sys.argv[1])
        folder.mkdir(parents=True, exist_ok=True)
        for name, build in BUILDERS.items():
            print(build(folder / name))
    else:
        for name, build in EXAMPLES.items():
            print(build(DOCS_EXAMPLES / name))
