"""Errors the core raises for the caller, as opposed to problems in a plan."""


class UsageError(Exception):
    """The request cannot be carried out as asked (a missing path, a bad period).

    The CLI turns it into exit code 2 with the message.
    """
