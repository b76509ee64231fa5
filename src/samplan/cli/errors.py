"""The core's errors in the user's words and language: the CLI phrases them here."""

from __future__ import annotations

from samplan.errors import UsageError
from samplan.messages import Msg


def phrase(err: UsageError) -> str:
    """What to print for `err` (after `samplan: error:`), in the active language."""
    message = err.args[0] if err.args else ""
    return message.local() if isinstance(message, Msg) else str(message)
