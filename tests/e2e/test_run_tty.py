"""h2h run on a real (pseudo-)terminal: the screen is cleared between the
participants of a team, so nobody sees earlier answers before the reveal."""

import os
import pty
import select
import subprocess
import time

import yaml

from h2h_e2e import EX_OK, H2H, H2HTestCase, clean_env

CLEAR = "\x1b[2J"


class Terminal:
    def __init__(self, args, env):
        self.main, child = pty.openpty()
        self.proc = subprocess.Popen([H2H, *map(str, args)], stdin=child, stdout=child,
                                     stderr=child, env=env, start_new_session=True)
        os.close(child)
        self.screen = ""

    def read_until(self, text, timeout=10):
        end = time.time() + timeout
        while text not in self.screen:
            left = end - time.time()
            if left <= 0:
                raise AssertionError(f"{text!r} not on screen:\n{self.screen[-2000:]}")
            ready, _, _ = select.select([self.main], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.main, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"h2h ended before {text!r}:\n{self.screen[-2000:]}")
                self.screen += chunk.decode(errors="replace")
        return self.screen

    def type(self, line):
        os.write(self.main, (line + "\r").encode())

    def close(self):
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        os.close(self.main)
        return code


class PrivateTurns(H2HTestCase):
    def test_earlier_answers_are_not_on_screen_before_the_reveal(self):
        out = self.tmp / "tty.yaml"
        t = Terminal(["run", "--participants", "Anna,Bram,Chris", "--dilemmas", "growth,guidance",
                      "-o", out], clean_env(TERM="xterm"))
        t.read_until("Anna, A and B")
        t.type("7 1")
        # Bram's turn: everything since the last clear must not show Anna's answer.
        screen = t.read_until("Bram, A and B")
        since_clear = screen[screen.rindex(CLEAR):]
        self.assertIn("Bram", since_clear)
        self.assertNotIn("7 1", since_clear)
        self.assertNotIn("OF OF)", since_clear)
        t.type("2 9")
        screen = t.read_until("Chris, A and B")
        since_clear = screen[screen.rindex(CLEAR):]
        self.assertNotIn("7 1", since_clear)
        self.assertNotIn("2 9", since_clear)
        self.assertNotIn("The answers", screen)
        t.type("4 4")
        # The reveal: every answer at once, then the facilitator goes on.
        screen = t.read_until("Enter for the next dilemma")
        reveal = screen[screen.rindex("The answers"):]
        for row in ("Anna", "Bram", "Chris"):
            self.assertIn(row, reveal)
        self.assertIn("\x1b[", reveal)  # colour on a terminal
        t.type("we keep both")
        t.read_until("Note saved")
        t.type("")
        t.read_until("Anna, A and B")
        for answer in ("1 1", "2 2", "3 3"):
            t.type(answer)
        t.read_until("Enter for the next dilemma")
        t.type("")
        t.read_until("Session saved")
        self.assertEqual(t.close(), EX_OK)
        s = yaml.safe_load(out.read_text())
        self.assertEqual(len(s["answers"]), 6)
        self.assertEqual(s["notes"][0]["text"], "we keep both")

    def test_asks_for_what_it_needs_without_options(self):
        out = self.tmp / "ask.yaml"
        t = Terminal(["run", "--dilemmas", "growth", "-o", out], clean_env(TERM="xterm"))
        t.read_until("Team session or solo?")
        t.type("s")
        t.read_until("Your name")
        t.type("Sam")
        t.read_until("Start with a check-in")
        t.type("")
        t.read_until("Sam, A and B")
        t.type("3 8")
        t.read_until("Enter for the next dilemma")
        t.type("")
        t.read_until("Session saved")
        self.assertEqual(t.close(), EX_OK)
        s = yaml.safe_load(out.read_text())
        self.assertEqual(s["participants"][0]["name"], "Sam")
        self.assertEqual(s["mode"], "solo")

    def test_no_input_fails_with_the_missing_option_instead_of_asking(self):
        t = Terminal(["run", "--no-input", "-o", self.tmp / "x.yaml"], clean_env(TERM="xterm"))
        screen = t.read_until("--participants or --solo")
        self.assertEqual(t.close(), 2)
        self.assertNotIn("Team session or solo?", screen)
        t = Terminal(["run", "--solo", "--no-input", "--dilemmas", "growth", "-o", self.tmp / "y.yaml"],
                     clean_env(TERM="xterm"))
        t.read_until("P1, A and B")  # nothing missing: it runs
        t.type("quit")
        t.read_until("--resume")
        self.assertEqual(t.close(), 0)


if __name__ == "__main__":
    import unittest
    unittest.main()
