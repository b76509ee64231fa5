"""The garbage collector's setting for a command-line run; imported first.

A command lives for a fraction of a second and makes many objects that live
as long as it does (modules, classes, the plans) and few that are garbage in
cycles. With Python's default the collector walks the young objects every 700
allocations: some 80 passes while samplan starts, 13 ms of `samplan validate`
on one plan, for nothing. mypy raises the threshold for the same reason. The
core does not touch the collector (a library must not); reading a corpus
pauses it on its own (`samplan.corpus`).

Python's shutdown makes one last full pass over every object still alive:
the modules, the classes, the plans, all of which are about to go anyway.
`before_exit` takes them out of its reach: 5–7 % of a short command.
"""

import gc

gc.set_threshold(100_000, 50, 50)


def before_exit() -> None:
    """Spare the collector's last full pass at shutdown (see above)."""
    gc.freeze()
