#!/usr/bin/env python3
"""Runs a command and reports the CPU time and peak memory of its whole
process tree, in /usr/bin/time -v's wording (the lines bench scripts read).

/usr/bin/time counts only children that are waited for; a Spark driver's
JVM and its Python workers are not, so their CPU would be missed. This
samples /proc every 0.2 s: CPU is each process's last seen user+system
time, summed; peak memory is the largest sum of resident sets at one
sample (the whole tree, where /usr/bin/time gives its largest process).
Linux only; standard library only.

    treetime.py CMD ARGS...   (report on stderr, CMD's output passes through)
"""

import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def snapshot():
    procs = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        ppid, utime, stime, rss = int(fields[1]), int(fields[11]), int(fields[12]), int(fields[21])
        procs[int(name)] = (ppid, utime, stime, rss)
    return procs


def tree(procs, root):
    kids = {}
    for pid, (ppid, *_) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        if p in procs:
            out.append(p)
        todo.extend(kids.get(p, []))
    return out


def main():
    start = time.time()
    child = subprocess.Popen(sys.argv[1:])
    cpu, peak = {}, 0
    while child.poll() is None:
        procs = snapshot()
        members = tree(procs, child.pid)
        for p in members:
            cpu[p] = procs[p][1:3]
        peak = max(peak, sum(procs[p][3] for p in members) * PAGE)
        time.sleep(0.2)
    wall = time.time() - start
    own = os.times()  # reaped children's totals cover the last ticks of the root
    user = max(sum(u for u, _ in cpu.values()) / TICK, own.children_user)
    system = max(sum(s for _, s in cpu.values()) / TICK, own.children_system)
    m, s = divmod(wall, 60)
    print(f"\tUser time (seconds): {user:.2f}", file=sys.stderr)
    print(f"\tSystem time (seconds): {system:.2f}", file=sys.stderr)
    print(f"\tElapsed (wall clock) time (h:mm:ss or m:ss): {int(m)}:{s:05.2f}", file=sys.stderr)
    print(f"\tMaximum resident set size (kbytes): {peak // 1024}", file=sys.stderr)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
