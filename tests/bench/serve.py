#!/usr/bin/env python3
"""The room benchmark: h2h run --serve on loopback with N simulated phones
(tests/e2e/room_load.py: keep-alive, long polls as the page does, each phone
from its own loopback address), each joining and answering ANSWERS times
within a few seconds, then the reveal reaching every phone.

    tests/bench/serve.py [BUILD_DIR] [--phones N] [--answers K] [--spread S]
    tests/bench/serve.py BUILD_DIR --peer OTHER_H2H   the same load on another build

Prints per request kind (join, state, answer) the count, errors and p50,
p95, p99 latency in ms; the reveal's fan-out (from the command until the
last phone has it); the CPU seconds of the server and of the load
generator; and the session file's answer count. Goal (issue 13): no errors,
p99 under 100 ms, on a 2-core machine. Timing on a shared machine is noisy:
run it twice, and say what else was running."""

import argparse
import asyncio
import os
import pathlib
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
from room_load import Stats, phone  # noqa: E402


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench(h2h, phones, answers, spread):
    work = tempfile.mkdtemp(prefix="h2h-bench-serve.")
    out = os.path.join(work, "room.yaml")
    proc = subprocess.Popen([h2h, "run", "--serve", "--listen", "127.0.0.1:0", "--dilemmas", "growth",
                             "-o", out], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "LANG": "C"})
    err = []
    threading.Thread(target=lambda: [err.append(l) for l in proc.stderr], daemon=True).start()
    end = time.time() + 10
    while time.time() < end and not re.search(r"http://127\.0\.0\.1:(\d+)/\D+(\d{6})", "".join(err)):
        time.sleep(0.02)
    m = re.search(r"http://127\.0\.0\.1:(\d+)/\D+(\d{6})", "".join(err))
    port, code = int(m.group(1)), m.group(2)
    stats = Stats()
    cpu0, self0 = cpu_seconds(proc.pid), resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()

    async def room():
        tasks = [asyncio.create_task(phone(i, port, code, stats, "revealed", answers, spread))
                 for i in range(phones)]
        while len(stats.times.get("answer", [])) + len(stats.errors) < answers * phones:
            await asyncio.sleep(0.05)
            if time.perf_counter() - start > 120:
                break
        revealed = time.perf_counter()
        proc.stdin.write("reveal\n")
        proc.stdin.flush()
        await asyncio.wait_for(asyncio.gather(*tasks), 60)
        return time.perf_counter() - revealed

    fan_out = asyncio.run(room())
    wall = time.perf_counter() - start
    cpu1, self1 = cpu_seconds(proc.pid), resource.getrusage(resource.RUSAGE_SELF)
    proc.stdin.write("next\n")
    proc.stdin.flush()
    proc.wait(30)
    saved = open(out).read().count("\n  - {dilemma: ")
    return {"stats": stats, "fan_out": fan_out, "wall": wall, "server_cpu": cpu1 - cpu0,
            "load_cpu": (self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime),
            "saved": saved, "exit": proc.returncode}


def report(name, r, phones):
    s = r["stats"]
    print(f"{name}: {phones} phones, {r['wall']:.1f} s wall, exit {r['exit']}")
    print(f"  {'kind':8} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in ("join", "state", "answer"):
        t = s.times.get(kind, [])
        errors = sum(1 for k, _ in s.errors if k == kind)
        p = [Stats.percentile(t, q) * 1000 for q in (50, 95, 99)]
        print(f"  {kind:8} {len(t):>6} {errors:>6} {p[0]:>8.1f} {p[1]:>8.1f} {p[2]:>8.1f}")
    waits = sum(1 for k, _ in s.errors if k == "wait")
    print(f"  long polls: {len(s.times.get('wait', []))} answered, {waits} failed")
    print(f"  reveal reached every phone in {r['fan_out'] * 1000:.0f} ms")
    print(f"  CPU: server {r['server_cpu']:.2f} s, load generator {r['load_cpu']:.2f} s")
    print(f"  session file: {r['saved']} answers (expected {phones})")
    if s.errors:
        print(f"  first errors: {s.errors[:5]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=str(HERE.parent.parent / "build"))
    ap.add_argument("--phones", type=int, default=500)
    ap.add_argument("--answers", type=int, default=2)
    ap.add_argument("--spread", type=float, default=5.0, help="seconds over which phones start")
    ap.add_argument("--peer", help="another h2h binary to run the same load against")
    a = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_NOFILE, (resource.getrlimit(resource.RLIMIT_NOFILE)[1],) * 2)
    print(f"load: {os.getloadavg()[0]:.2f} (1-minute load average before the run; other builds add noise)")
    ok = True
    for name, h2h in (("h2h", os.path.join(a.build, "h2h")), ("peer", a.peer)):
        if not h2h:
            continue
        r = bench(h2h, a.phones, a.answers, a.spread)
        report(f"{name} ({h2h})", r, a.phones)
        ok = ok and not r["stats"].errors and r["saved"] == a.phones
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
