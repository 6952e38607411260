#!/usr/bin/env python3
"""The first run: the README's first command, word for word, in a clean
clone, timed from its start to the session's first question.

    tests/bench/first_run.py DIR                 DIR: a clean clone of h2h
    tests/bench/first_run.py --root ROOT DIR     the same inside `chroot ROOT`
                                                 (DIR as seen from inside)

The command runs in a pseudo-terminal, as a person would type it; once the
first question ("Team session or solo?") is on the screen the session is
ended. Prints the seconds until apt-get was done (the first line from
cmake), until the build was done (the first line from h2h) and until the
question, and exits 1 with the last lines of output when the question never
came. Goal (issue 16): from a fresh Debian 12 to the question in under 2
minutes on a 2-core machine. For a fresh Debian 12, make ROOT with
`debootstrap --variant=minbase bookworm ROOT` (and copy /etc/resolv.conf
into it); DIR must not hold a build folder, and CCACHE_DISABLE=1 keeps a
compiler cache out of the figure."""

import argparse
import os
import pathlib
import pty
import re
import select
import signal
import sys
import time

QUESTION = re.compile(rb"Team session or solo|Teamsessie of solo")
CMAKE_STARTS = re.compile(rb"^-- (The CXX compiler|Configuring)", re.M)
H2H_STARTS = re.compile(rb"Built target h2h\b|\[100%\] Built target")


def first_command(readme):
    """The first ```sh block's only line."""
    lines = pathlib.Path(readme).read_text(encoding="utf-8").splitlines()
    start = lines.index("```sh")
    return lines[start + 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--root", help="run inside chroot ROOT (DIR as seen from inside)")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()

    # The clone as this script sees it.
    outside = pathlib.Path(args.root) / args.dir.lstrip("/") if args.root else pathlib.Path(args.dir)
    command = first_command(outside / "README.md")
    if (outside / "build").exists():
        sys.exit(f"{outside}/build exists: the first run starts from a clean clone")
    argv = ["bash", "-c", f"cd {args.dir} && {command}"]
    if args.root:
        argv = ["chroot", args.root] + argv
    env = dict(os.environ, CCACHE_DISABLE="1", DEBIAN_FRONTEND="noninteractive", TERM="xterm")
    env.pop("CMAKE_CXX_COMPILER_LAUNCHER", None)

    print(f"$ {command}", flush=True)
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    out = b""
    marks = {}
    asked = False
    while time.monotonic() - start < args.timeout:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        now = time.monotonic() - start
        if "apt" not in marks and CMAKE_STARTS.search(out):
            marks["apt"] = now
        if "build" not in marks and H2H_STARTS.search(out):
            marks["build"] = now
        if QUESTION.search(out[-4096:]):
            marks["question"] = now
            asked = True
            break
    try:
        os.killpg(os.getpgid(pid), signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)

    if not asked:
        tail = out.decode("utf-8", "replace").splitlines()[-40:]
        print("\n".join(tail))
        print(f"first_run: no first question within {time.monotonic() - start:.0f} s")
        return 1
    apt = marks.get("apt", 0.0)
    build = marks.get("build", marks["question"])
    print(f"apt-get:         {apt:6.1f} s")
    print(f"configure+build: {build - apt:6.1f} s")
    print(f"to the question: {marks['question']:6.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
