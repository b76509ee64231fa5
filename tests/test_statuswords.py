"""Status words of kommuners' tables, read as the log's statuses."""

from __future__ import annotations

import pytest

from samplan.statuswords import read_status

CASES = [
    ("Genomförd", "done"), ("Klar", "done"), ("KLART!", "done"), ("Slutförd", "done"),
    ("Avslutad", "done"), ("genomfört.", "done"),
    ("Pågår", "ongoing"), ("Pågående", "ongoing"), ("Påbörjad", "ongoing"),
    ("Pågår, två av fyra klara", "ongoing"), ("Startad", "ongoing"),
    ("Ej påbörjad", "planned"), ("Ej startad", "planned"), ("ej påbörjat", "planned"),
    ("Inte startad", "planned"), ("Planerad", "planned"),
    ("Avbruten", "cancelled"), ("Stoppad", "cancelled"), ("avbruten – ej aktuell", "cancelled"),
    ("Vilande", "paused"), ("Pausad", "paused"), ("Vilar tills vidare", "paused"),
    ("Antal anmälningar (polisens statistik)", None), ("", None), ("Klarar sig", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "status"), CASES)
def test_read_status(text: str, status: str | None) -> None:
    assert read_status(text) == status
