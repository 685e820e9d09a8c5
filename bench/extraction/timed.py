#!/usr/bin/env python3
"""Run a command, write its stdout to OUT.jsonl and its wall seconds to OUT.jsonl.stats.json.

usage: timed.py OUT.jsonl CMD ARGS...  (stdlib only)
       timed.py --show OUT.jsonl.stats.json LABEL
"""
import json
import resource
import subprocess
import sys
import time

if sys.argv[1] == "--show":  # timed.py --show STATS.json LABEL
    st = json.load(open(sys.argv[2]))
    print(f"{sys.argv[3]}: {st['seconds']:.2f} s, max RSS {st['max_rss_mb']:.0f} MB (exit {st['returncode']})")
    sys.exit(0)

out, cmd = sys.argv[1], sys.argv[2:]
with open(out, "wb") as f:
    t = time.perf_counter()
    rc = subprocess.run(cmd, stdout=f).returncode
    secs = time.perf_counter() - t
with open(out + ".stats.json", "w") as f:
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    json.dump({"seconds": secs, "returncode": rc, "max_rss_mb": rss_kb / 1024, "command": cmd}, f)
if rc not in (0, 1):
    sys.exit(f"{cmd[0]} exited with {rc}")
