"""The both-and grid picker of h2h run, through a real pseudo-terminal: keys
in (arrows, h j k l, Enter, Esc, ?, digits), the recorded answer out, a
window resized under it (drawn again to the new size, or the line prompt
when the grid no longer fits), and the terminal's state (termios, and
stty -a) the same after h2h as before it, on every way out: Enter, quit,
end of input, SIGINT (and Ctrl-C), SIGTERM, and Ctrl-Z then SIGCONT (given
back while stopped, raw again after)."""

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import yaml

from h2h_e2e import EX_INTERRUPTED, EX_OK, H2H, H2HTestCase, clean_env
from test_run_tty import ANSI, Terminal

JOB = str(Path(__file__).with_name("job_control.py"))
RIGHT, LEFT, UP, DOWN, ESC = "\x1b[C", "\x1b[D", "\x1b[A", "\x1b[B", "\x1b"
CLEAR = "\x1b[2J"


def stty(fd):
    return subprocess.run(["stty", "-a"], stdin=fd, capture_output=True, text=True,
                          check=True).stdout


class Job(Terminal):
    """h2h as the foreground job of its own terminal (see job_control.py),
    with the terminal's side kept open to read its settings."""

    def __init__(self, args, tmp, rows=24, cols=80, term="xterm", test=None):
        self.main, self.child = pty.openpty()
        fcntl.ioctl(self.child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.before = termios.tcgetattr(self.child)
        self.stty_before = stty(self.child)
        self.pidfile = pidfile = tmp / "h2h.pid"
        for old in (pidfile, Path(f"{pidfile}.status")):
            if old.exists():
                old.unlink()
        self.proc = subprocess.Popen(
            [sys.executable, JOB, os.ttyname(self.child), str(pidfile), H2H, *map(str, args)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=clean_env(TERM=term))
        end = time.time() + 30
        while not pidfile.exists():
            if time.time() > end:
                raise AssertionError("h2h did not start")
            time.sleep(0.02)
        self.pid = int(pidfile.read_text())
        self.screen = ""
        if test is not None:
            test.addCleanup(self.kill)
        self.seen = 0

    def kill(self):
        """After a failure: nothing left running."""
        if self.proc.poll() is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.kill()
            self.proc.wait(timeout=30)

    def resize(self, rows, cols):
        """As a terminal window does: the new size, and SIGWINCH to h2h."""
        fcntl.ioctl(self.child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.stty_before = re.sub(r"rows \d+; columns \d+", f"rows {rows}; columns {cols}",
                                  self.stty_before)

    def attrs(self):
        return termios.tcgetattr(self.child)

    def raw(self):
        return not self.attrs()[3] & termios.ICANON

    def keys(self, text):
        os.write(self.main, text.encode())

    def state(self):
        try:
            return Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return "gone"

    def wait_state(self, wanted, timeout=20):
        end = time.time() + timeout
        while (self.state() == "T") != wanted:
            if time.time() > end:
                raise AssertionError(f"h2h is {self.state()}, not {'stopped' if wanted else 'running'}")
            time.sleep(0.02)

    def frame(self):
        """The last screen drawn (from the top), without colour."""
        return ANSI.sub("", self.screen.split("\x1b[H")[-1]).replace("\r", "")

    def close(self):
        """Waits for h2h to end; its terminal is kept (see restored())."""
        status = Path(f"{self.pidfile}.status")
        end = time.time() + 30
        while not status.exists():
            if time.time() > end:
                os.kill(self.pid, signal.SIGKILL)
                self.proc.kill()
                raise AssertionError(f"h2h did not end:\n{self.screen[-2000:]}")
            time.sleep(0.02)
        return int(status.read_text())

    def quit(self, test, word="quit"):
        """Ends the session with `word` and checks it ended well: exit 0, the
        terminal as it was."""
        self.type(word)
        self.next("--resume")
        test.assertEqual(self.close(), EX_OK)
        self.restored(test)

    def restored(self, test):
        """The terminal's settings after h2h are those before it."""
        try:
            test.assertEqual(self.attrs(), self.before)
            test.assertEqual(stty(self.child), self.stty_before)
        finally:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
            os.close(self.main)
            os.close(self.child)


def assert_fits(test, text, rows, cols, spare_column=True):
    """`text` (a screen, from its top) fits the terminal: at most `rows`
    lines of at most `cols` characters; with `spare_column` (the picker's
    own screens), none but the prompt's (the last, where the cursor waits)
    reaches the last column."""
    lines = text.rstrip("\n").split("\n")
    test.assertLessEqual(len(lines), rows, text)
    if spare_column:
        test.assertLessEqual(max(len(l) for l in lines[:-1]), cols - 1, text)
    else:
        test.assertLessEqual(max(len(l) for l in lines), cols, text)
    return lines


def answers(path):
    data = yaml.safe_load(Path(path).read_text())
    return [(a["a"], a["b"]) for a in data.get("answers") or [] if "a" in a]


class Keys(H2HTestCase):
    def start(self, rows=24, cols=80, extra=()):
        out = self.tmp / "s.yaml"
        t = Job(["run", "--solo", "--name", "Sam", "--dilemmas", "growth,guidance", "-o", out,
                 *extra], self.tmp, rows, cols, test=self)
        t.next("Press Enter to begin")  # the introduction stays until Enter
        t.type("")
        t.next("Sam, A and B")
        self.assertTrue(t.raw())  # the picker reads keys
        return t, out

    def test_arrows_and_hjkl_move_the_dot_and_enter_records_it(self):
        for rows, cols, numbers in ((24, 80, "  0  1  2  3"), (40, 120, "  0    1    2    3")):
            with self.subTest(size=f"{cols}x{rows}"):
                t, out = self.start(rows, cols)
                self.assertIn("○", t.frame())  # the dot, nothing chosen yet
                self.assertIn("A –   B –", t.frame())
                t.keys(RIGHT * 3 + UP * 2)
                t.next("A 8   B 7")
                t.next("Sam, A and B: ")  # the whole screen
                frame = t.frame()
                lines = assert_fits(self, frame, rows, cols)
                self.assertIn(numbers, frame)  # larger terminals, larger cells
                self.assertIn("1/2  Growth", frame)
                self.assertIn("Expand fast", frame)
                self.assertIn("Strong local impact", frame)
                self.assertIn("EN EN", frame)
                row = next(l for l in lines if re.match(r"\s+7 \|", l))
                self.assertIn("[●]", row)
                t.keys("h")
                t.next("A 7   B 7")
                t.keys("jkl")
                t.next("A 8   B 7")
                t.keys("\r")
                t.next("Both matter a lot")  # EN EN: how would you get both?
                self.assertFalse(t.raw())  # lines again
                t.type("")
                t.next("Enter for the polarity map")
                t.quit(self)
                self.assertEqual(answers(out), [(8, 7)])
                out.unlink()

    def test_a_resized_terminal_gets_the_grid_drawn_again_to_its_size(self):
        t, out = self.start(40, 120)
        self.assertIn("  0    1    2    3", t.frame())
        t.keys(RIGHT * 3 + UP * 2)
        t.next("A 8   B 7")
        t.next("Sam, A and B: ")
        # Smaller: the kernel tells h2h (SIGWINCH); the grid comes again at
        # 80x24, the dot where it was.
        t.resize(24, 80)
        t.next(CLEAR)
        t.next("Sam, A and B: ")
        frame = t.frame()
        lines = assert_fits(self, frame, 24, 80)
        self.assertIn("  0  1  2  3", frame)
        self.assertIn("A 8   B 7", frame)
        self.assertIn("[●]", next(l for l in lines if re.match(r"\s+7 \|", l)))
        self.assertTrue(t.raw())
        # Too small for the grid: the line prompt, and the answer typed.
        t.resize(20, 60)
        t.next("Sam, A and B: ")
        until_lines = time.time() + 10
        while t.raw() and time.time() < until_lines:
            time.sleep(0.02)
        self.assertFalse(t.raw())
        t.type("3 3")
        t.next("Enter for the polarity map")
        t.quit(self)
        self.assertEqual(answers(out), [(3, 3)])

    def test_enter_records_nothing_until_both_values_were_chosen(self):
        t, out = self.start()
        t.keys("\r")
        t.next("Nothing is recorded yet")
        t.keys(RIGHT + "\r")
        t.next("Nothing is recorded yet")
        self.assertEqual(answers(out), [])
        t.keys(DOWN + LEFT + "\r")  # back to A 5: chosen, as is B 4
        t.next("Enter for the polarity map")
        t.quit(self)
        self.assertEqual(answers(out), [(5, 4)])

    def test_esc_and_question_mark_give_the_line_prompt(self):
        t, out = self.start()
        t.keys(ESC)
        t.next("Two numbers from 0 to 10")  # the card, as without the picker
        t.next("Sam, A and B: ")
        self.assertFalse(t.raw())
        t.type("2 9")
        t.next("Enter for the polarity map")
        t.type("")
        t.next("Enter for the next dilemma")
        t.type("")
        t.next("2/2")
        t.next("Sam, A and B")
        self.assertTrue(t.raw())  # the next answer: the picker again
        t.keys("?")
        t.next("On the grid (a terminal)")
        t.next("Sam, A and B: ")
        # The commands and the dilemma's title, on one 80x24 screen.
        help_screen = ANSI.sub("", t.screen[t.screen.rindex(CLEAR):]).replace("\r", "")
        assert_fits(self, help_screen, 24, 80, spare_column=False)
        self.assertIn("2/2  Guidance", help_screen)
        t.type("4 4")
        t.next("Enter for the polarity map")
        t.quit(self)
        self.assertEqual(answers(out), [(2, 9), (4, 4)])

    def test_digits_and_words_typed_on_the_grid_are_a_line(self):
        t, out = self.start()
        t.keys(RIGHT)  # moving first changes nothing
        t.next("A 6   B –")
        t.next("Sam, A and B: ")
        t.keys("8 4")
        t.next("4")
        self.assertIn("Sam, A and B: 8 4", ANSI.sub("", t.screen))
        t.keys("\x7f3")  # Backspace
        t.next("\b \b3")
        t.keys("\r")
        t.next("Enter for the polarity map")
        t.type("")
        t.next("Enter for the next dilemma")
        t.type("")
        t.next("2/2")
        t.next("Sam, A and B")
        t.keys("note from the grid\r")
        t.next("Note saved")  # on the grid's message line, the dot still there
        t.next("Sam, A and B")
        self.assertTrue(t.raw())
        t.keys("11 2\r")
        t.next("Type two numbers from 0 to 10")
        t.next("Sam, A and B")
        t.quit(self)
        self.assertEqual(answers(out), [(8, 3)])
        notes = yaml.safe_load(out.read_text())["notes"]
        self.assertEqual([n["text"] for n in notes], ["from the grid"])

    def test_dutch(self):
        out = self.tmp / "nl.yaml"
        t = Job(["run", "--lang", "nl", "--solo", "--name", "Sam", "--dilemmas", "growth,guidance",
                 "-o", out], self.tmp, test=self)
        t.next("Druk op Enter om te beginnen")
        t.type("")
        t.next("Sam, A en B")
        t.keys("\r")
        t.next("Nog niets vastgelegd")
        t.keys(LEFT * 2 + DOWN * 5)
        t.next("A 3   B 0")
        t.next("geen van beide")  # the zone: neither
        t.keys("\r")
        t.next("Enter voor de polariteitenkaart")
        t.type("")
        t.next("Polariteitenkaart")
        t.next("Enter voor het volgende dilemma")
        t.type("")
        t.next("Sam, A en B")
        t.keys("?")
        t.next("Op het raster (op een terminal)")
        t.next("Sam, A en B: ")
        help_screen = ANSI.sub("", t.screen[t.screen.rindex(CLEAR):]).replace("\r", "")
        assert_fits(self, help_screen, 24, 80, spare_column=False)
        self.assertIn("2/2  Begeleiding", help_screen)
        t.quit(self, "stop")
        self.assertEqual(answers(out), [(3, 0)])


class FollowUp(H2HTestCase):
    def test_where_they_stood_last_time_stays_until_enter(self):
        earlier = self.tmp / "earlier.yaml"
        r = subprocess.run([H2H, "run", "--solo", "--name", "Sam", "--dilemmas", "growth", "-o",
                            earlier], input="8 2\n", text=True, capture_output=True,
                           env=clean_env(), timeout=60)
        self.assertEqual(r.returncode, EX_OK, r.stderr)
        out = self.tmp / "then.yaml"
        t = Job(["run", "--solo", "--name", "Sam", "--dilemmas", "growth", "--follow-up",
                 earlier, "-o", out], self.tmp, test=self)
        t.next("Press Enter to begin")
        t.type("")
        t.next("Last time: Growth")
        t.next("Press Enter to answer")
        self.assertNotIn("[○]", t.screen)  # not cleared by the grid yet
        t.type("")
        t.next("Sam, A and B")
        self.assertTrue(t.raw())
        t.keys("6 2\r")
        t.next("Enter for the polarity map")
        t.quit(self)
        self.assertEqual(answers(out), [(6, 2)])


class LinePrompt(H2HTestCase):
    def test_the_line_prompt_where_the_grid_does_not_fit_or_is_not_wanted(self):
        for why, extra, kw in (("60 columns", [], {"cols": 60}), ("18 rows", [], {"rows": 18}),
                               ("TERM=dumb", [], {"term": "dumb"}),
                               ("--no-input", ["--no-input"], {})):
            with self.subTest(why=why):
                out = self.tmp / "line.yaml"
                t = Job(["run", "--solo", "--name", "Sam", "--dilemmas", "growth", "-o", out,
                         *extra], self.tmp, test=self, **kw)
                full_screen = not extra and "term" not in kw  # but too small for the grid
                if full_screen:
                    t.next("Press Enter to begin")
                    t.type("")
                t.next("Sam, A and B: ")
                self.assertFalse(t.raw())
                self.assertNotIn("[○]", t.screen)
                t.type("3 3")
                t.next("Enter for the polarity map" if full_screen
                       else "Enter for the next dilemma")
                t.quit(self)
                self.assertEqual(answers(out), [(3, 3)])
                out.unlink()


class Restore(H2HTestCase):
    """Every way out of the picker gives the terminal back as it was."""

    def start(self):
        out = self.tmp / "r.yaml"
        t = Job(["run", "--solo", "--name", "Sam", "--dilemmas", "growth,guidance", "-o", out],
                self.tmp, test=self)
        t.next("Press Enter to begin")
        t.type("")
        t.next("Sam, A and B")
        t.keys(RIGHT * 2)
        t.next("A 7   B –")
        self.assertTrue(t.raw())
        self.assertNotEqual(t.attrs(), t.before)
        return t, out

    def test_signals_end_the_session_with_the_terminal_restored(self):
        for how, code in (("SIGINT", EX_INTERRUPTED), ("Ctrl-C", EX_INTERRUPTED),
                          ("SIGTERM", 128 + signal.SIGTERM), ("SIGHUP", 128 + signal.SIGHUP)):
            with self.subTest(how=how):
                t, out = self.start()
                if how == "Ctrl-C":
                    t.keys("\x03")
                else:
                    os.kill(t.pid, getattr(signal, how))
                t.next("--resume")  # where it stopped, and how to go on
                self.assertEqual(t.close(), code)
                t.restored(self)
                out.unlink()

    def test_a_crash_restores_before_it_goes_on(self):
        for name in ("SIGABRT", "SIGQUIT"):
            with self.subTest(signal=name):
                t, out = self.start()
                sig = getattr(signal, name)
                os.kill(t.pid, sig)
                self.assertEqual(t.close(), 128 + sig)  # it still ends as that signal ends it
                t.restored(self)
                self.assertEqual(answers(out), [])  # nothing recorded, the file intact
                out.unlink()

    def test_end_of_input_restores(self):
        t, _ = self.start()
        t.keys("\x04")  # Ctrl-D
        t.next("--resume")
        self.assertEqual(t.close(), 1)
        t.restored(self)

    def test_ctrl_z_gives_the_terminal_back_and_fg_draws_the_grid_again(self):
        t, out = self.start()
        clears = t.screen.count(CLEAR)
        t.keys("\x1a")  # Ctrl-Z: SIGTSTP to the job
        t.wait_state(True)
        self.assertEqual(t.attrs(), t.before)  # stopped: the terminal as it was
        self.assertEqual(stty(t.child), t.stty_before)
        os.kill(t.pid, signal.SIGCONT)  # fg
        t.wait_state(False)
        t.nth(CLEAR, clears + 1)  # drawn again, on a clean screen
        t.nth("A 7   B –", 2)  # the dot where it was
        end = time.time() + 20
        while not t.raw():  # raw again
            self.assertLess(time.time(), end, "not raw after SIGCONT")
            time.sleep(0.02)
        # A stop sent as a signal (kill -TSTP) does the same.
        os.kill(t.pid, signal.SIGTSTP)
        t.wait_state(True)
        self.assertEqual(t.attrs(), t.before)
        os.kill(t.pid, signal.SIGCONT)
        t.wait_state(False)
        t.nth("A 7   B –", 3)
        t.keys(UP + "\r")
        t.next("Enter for the polarity map")
        t.quit(self)
        self.assertEqual(answers(out), [(7, 6)])


class Summary(H2HTestCase):
    def test_a_tall_summary_comes_a_screen_at_a_time_and_whole_on_a_pipe(self):
        out = self.tmp / "all.yaml"
        t = Job(["run", "--solo", "--name", "Sam", "-o", out], self.tmp, test=self)
        t.next("Press Enter to begin")
        t.type("")
        count = 0
        while True:
            t.next("Sam, A and B")
            count += 1
            t.keys(f"{count} 3\r")
            t.next("Enter for the polarity map")
            t.type("")
            t.next("Enter for the next dilemma")
            t.type("")
            if count == 5:
                break
        t.page_to("Session saved")
        self.assertEqual(t.close(), EX_OK)
        t.restored(self)
        summary = t.screen[t.screen.rindex("Enter for the next dilemma"):]
        pages = summary.split("\x1b[H")[1:]
        self.assertGreater(len(pages), 1)
        for page in pages:
            lines = ANSI.sub("", page).replace("\r", "").rstrip("\n").split("\n")
            self.assertLessEqual(sum(max(1, -(-len(l) // 80)) for l in lines), 24, page)
        self.assertIn("Enter for more", summary)
        # The same session piped: the summary whole, no pages.
        piped = subprocess.run([H2H, "run", "--solo", "--name", "Sam", "-o", self.tmp / "p.yaml"],
                               input="".join(f"{i} 3\n" for i in range(1, 6)), text=True,
                               capture_output=True, env=clean_env(), timeout=60)
        self.assertEqual(piped.returncode, EX_OK, piped.stderr)
        self.assertNotIn("Enter for more", piped.stdout + piped.stderr)
        self.assertNotIn("\x1b[", piped.stdout)
        # Every line of the paged summary is in the piped one.
        for page in pages:
            for line in ANSI.sub("", page).replace("\r", "").split("\n"):
                if line.strip() and "Enter for more" not in line and "Session saved" not in line:
                    self.assertIn(line.strip(), piped.stdout)


if __name__ == "__main__":
    import unittest
    unittest.main()
