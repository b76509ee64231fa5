"""The words a Status column uses, read as the log's statuses.

"Genomförd", "Klart!", "PÅGÅR", "Ej påbörjad", "Avbruten – ej aktuell längre":
compared after `norm` (case, accents and punctuation ignored). A status word
may be followed by more text ("Pågår, enligt plan"); that text is kept as the
log entry's note by the importer.
"""

from __future__ import annotations

from samplan.model import Status
from samplan.slug import norm

# norm'd words -> status; longer phrases are tried first ("ej paborjad" before "paborjad").
WORDS: dict[Status, tuple[str, ...]] = {
    "planned": (
        "ej paborjad", "ej paborjat", "ej paborjade", "ej startad", "ej startat", "ej start",
        "inte paborjad", "inte paborjat", "inte startad", "inte startat", "ej igang",
        "planerad", "planerat", "planerade", "kommande", "not started", "planned",
    ),
    "ongoing": (
        "pagar", "pagaende", "paborjad", "paborjat", "paborjade", "startad", "startat",
        "igang", "under arbete", "under genomforande", "delvis genomford", "delvis klar",
        "ongoing", "in progress", "started",
    ),
    "done": (
        "genomford", "genomfort", "genomforda", "klar", "klart", "klara", "slutford",
        "slutfort", "avslutad", "avslutat", "fardig", "fardigt", "utford", "utfort",
        "uppnatt", "done", "completed", "finished",
    ),
    "cancelled": (
        "avbruten", "avbrutet", "avbrutna", "stoppad", "stoppat", "struken", "struket",
        "installd", "installt", "utgar", "utgatt", "cancelled", "canceled", "stopped",
    ),
    "paused": (
        "vilande", "vilar", "pausad", "pausat", "pausade", "uppskjuten", "uppskjutet",
        "paused", "on hold",
    ),
}  # fmt: skip
_BY_LENGTH = sorted(
    ((word, status) for status, words in WORDS.items() for word in words),
    key=lambda pair: -len(pair[0]),
)


def read_status(text: str) -> Status | None:
    """The status a cell's text begins with, or None when it names none."""
    key = norm(text)
    for word, status in _BY_LENGTH:
        if key == word or key.startswith(word + " "):
            return status
    return None
