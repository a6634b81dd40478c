#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs a command and writes to FILE what /usr/bin/time -f '%e %U %S %M' would, with the
times to the microsecond: /usr/bin/time prints them to 10 ms, which makes a 40 ms run's
CPU time a guess to a quarter (tcpreuse-scan on 100k frames). Its exit status is the
command's; stdin, stdout and stderr are left to it.

usage: rusage.py FILE COMMAND [ARG...]
"""
import os
import resource
import sys
import time


def main():
    if len(sys.argv) < 3:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    start = time.monotonic()
    try:
        pid = os.fork()
    except OSError as e:
        print(f"rusage.py: {e}", file=sys.stderr)
        return 1
    if pid == 0:
        try:
            os.execvp(sys.argv[2], sys.argv[2:])
        except OSError as e:
            print(f"rusage.py: {sys.argv[2]}: {e}", file=sys.stderr)
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    with open(sys.argv[1], "w") as out:
        # ru_maxrss is in KB on Linux, as %M is.
        out.write(f"{wall:.6f} {usage.ru_utime:.6f} {usage.ru_stime:.6f} {usage.ru_maxrss}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
