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
