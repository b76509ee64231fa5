"""The garbage collector's setting for a command-line run; imported first.

A command lives for a fraction of a second and makes many objects that live
as long as it does (modules, classes, the plans) and few that are garbage in
cycles. With Python's default the collector walks the young objects every 700
allocations: some 80 passes while samplan starts, 13 ms of `samplan validate`
on one plan, for nothing. mypy raises the threshold for the same reason. The
core does not touch the collector (a library must not); reading a corpus
pauses it on its own (`samplan.corpus`).
"""

import gc

gc.set_threshold(100_000, 50, 50)
