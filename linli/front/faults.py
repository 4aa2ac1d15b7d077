"""Pause points for the crash tests (tests/faults/): where an operation that
must be all-or-nothing stops, mid-way, so a test can kill -9 the process there.

`pause_point("roster_import")` does nothing unless the process was started
with LINLI_FAULT_PAUSE=roster_import: then it says so on stderr and sleeps,
holding the operation's open transaction, until the test kills it. Never set
LINLI_FAULT_PAUSE on a server people use: the operation would hang for
PAUSE_SECONDS and then carry on. Settings refuse to load with it set when
LINLI_DEBUG is false (a ConfigError).

The points: roster_import (after the residents are written, before their
tags, audit entries and the import's own record), round_receive (after the
shares and the round's new state, before hand-outs and payments),
checkin_batch (after the first check-in of a batch).
"""

import os
import sys
import time

ENV = "LINLI_FAULT_PAUSE"
PAUSE_SECONDS = 60
ANNOUNCE = "linli-fault-pause"


def pause_point(name: str) -> None:
    # One dictionary lookup in production; the point costs nothing there.
    if os.environ.get(ENV) != name:
        return
    print(f"{ANNOUNCE} {name}", file=sys.stderr, flush=True)
    time.sleep(PAUSE_SECONDS)
