"""The HTML report as a PDF/A-2a file, with WeasyPrint.

PDF/A-2a is both what a diarium files (PDF/A, ISO 19005-2: fonts embedded, an
sRGB output intent, XMP identification) and what a screen reader needs (level
"a": a tagged structure tree, a document language, text that maps to Unicode).
WeasyPrint writes the structure tree from the HTML (headings, tables with their
header cells, lists), `/Lang` from `<html lang>` and `/Title` from `<title>`,
and bookmarks from the headings.

The same input gives the same bytes: WeasyPrint writes no creation date unless
the HTML asks for one (ours does not), its file identifier is a hash of the
content, and its font subsets are named from their glyphs.

WeasyPrint is imported here only, when a PDF is asked for: it takes a good
second to import and needs Pango from the operating system.
"""

from __future__ import annotations

from typing import Any

from samplan.errors import PdfUnavailable

VARIANT = "pdf/a-2a"

# What WeasyPrint needs from Debian or Ubuntu, for the hint when it cannot load.
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"


class PdfFailed(Exception):
    """WeasyPrint failed on a document. `reason` is its own message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def html_to_pdf(html: str) -> bytes:
    """`html` (a whole report page, with its print stylesheet) as PDF/A-2a bytes.

    The page may only refer to what it contains: nothing is fetched, so a plan
    cannot make the report read a file or the network."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    try:
        try:
            return bytes(document.write_pdf(pdf_variant=VARIANT, finisher=_show_title))
        except AssertionError:
            # WeasyPrint's page layout can fail an assertion ("page_is_empty") when several
            # "keep together" rules meet on one page (seen with WeasyPrint 70 on a long
            # åtgärdsplan). The same document without those hints always lays out.
            loose = weasyprint.CSS(string=_NO_KEEPS)
            pdf = document.write_pdf(pdf_variant=VARIANT, finisher=_show_title, stylesheets=[loose])
            return bytes(pdf)
    except Exception as err:  # WeasyPrint has no error hierarchy of its own
        raise PdfFailed(f"{type(err).__name__}: {err}") from err


_NO_KEEPS = """
* { break-inside: auto !important; break-after: auto !important; }
"""


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as err:  # the Python package is missing
        raise PdfUnavailable(reason=str(err), packages=SYSTEM_PACKAGES) from None
    except OSError as err:  # cffi could not load Pango, HarfBuzz or fontconfig
        reason = str(err).splitlines()[0]
        raise PdfUnavailable(reason=reason, packages=SYSTEM_PACKAGES) from None
    return weasyprint


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"the report may not load {url}")


def _show_title(document: Any, pdf: Any) -> None:
    """A viewer's title bar shows the document's title, not its file name (PDF/UA asks it)."""
    import pydyf

    # pydyf writes a value as str() gives it: Python's True would be `True`, not PDF's `true`.
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
