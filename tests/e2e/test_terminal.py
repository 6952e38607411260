"""Colour on a real terminal (a pseudo-terminal), and never elsewhere."""

import os
import pty
import select
import subprocess
import unittest

from h2h_e2e import H2H, H2HTestCase, clean_env


def run_on_tty(args, env):
    """Runs h2h with stdout on a pseudo-terminal; returns what it printed."""
    main, child = pty.openpty()
    proc = subprocess.Popen([H2H, *args], stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    out = b""
    while True:
        ready, _, _ = select.select([main], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=10)
    os.close(main)
    return out.decode()


class Colour(H2HTestCase):
    def test_colour_on_a_terminal(self):
        self.assertIn("\x1b[", run_on_tty(["list"], clean_env(TERM="xterm")))

    def test_no_colour_when_asked_or_dumb(self):
        for args, env in ((["list", "--no-color"], clean_env(TERM="xterm")),
                          (["list"], clean_env(TERM="xterm", NO_COLOR="1")),
                          (["list"], clean_env(TERM="dumb"))):
            with self.subTest(args=args):
                out = run_on_tty(args, env)
                self.assertIn("transparency", out)
                self.assertNotIn("\x1b[", out)


if __name__ == "__main__":
    unittest.main()


class Progress(H2HTestCase):
    def test_a_progress_line_when_reading_takes_a_while_on_a_terminal(self):
        import threading
        import time
        fifo = self.tmp / "slow.csv"
        os.mkfifo(fifo)
        row = "r,t," + ",".join(["5"] * 10) + "\n"

        def slowly():  # 4 MB over about 2 seconds
            with open(fifo, "w") as f:
                f.write("respondent,team," + ",".join(
                    f"{d}.{p}" for d in ("transparency", "sustainability", "workload", "growth",
                                         "guidance") for p in "ab") + "\n")
                for _ in range(20):
                    f.write(row * 6000)
                    f.flush()
                    time.sleep(0.1)

        writer = threading.Thread(target=slowly)
        writer.start()
        out = run_on_tty(["report", str(fifo), "--format", "json", "-o", str(self.tmp / "r.json")],
                         clean_env(TERM="xterm"))
        writer.join()
        self.assertIn("MB", out)
        self.assertIn("slow.csv", out)
        # Not on a pipe.
        threading.Thread(target=slowly).start()
        r = subprocess.run([H2H, "report", str(fifo), "--format", "json"], capture_output=True,
                           text=True, env=clean_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
