"""h2h run on a real (pseudo-)terminal: the screen is cleared between the
participants of a team, so nobody sees earlier answers before the reveal."""

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time

import yaml

from h2h_e2e import EX_OK, H2H, H2HTestCase, clean_env

CLEAR = "\x1b[2J"


class Terminal:
    def __init__(self, args, env, rows=24, cols=80):
        self.main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen([H2H, *map(str, args)], stdin=child, stdout=child,
                                     stderr=child, env=env, start_new_session=True)
        os.close(child)
        self.screen = ""
        self.seen = 0  # where next() looks from

    def next(self, text, timeout=10):
        """Waits for `text` after what next() found last."""
        end = time.time() + timeout
        while text not in self.screen[self.seen:]:
            self._read_some(end, text)
        self.seen = self.screen.index(text, self.seen) + len(text)
        return self.screen

    def _read_some(self, end, text):
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

    def nth(self, text, n, timeout=10):
        """Waits until `text` is on screen `n` times."""
        end = time.time() + timeout
        while self.screen.count(text) < n:
            self._read_some(end, text)
        return self.screen

    def page_to(self, text, timeout=20):
        """Waits for `text`, pressing Enter at each "Enter for more" of a
        paged summary on the way."""
        end = time.time() + timeout
        pressed = 0
        while text not in self.screen:
            shown = self.screen.count("Enter for more") + self.screen.count("Enter voor meer")
            if shown > pressed:
                pressed = shown
                self.type("")
                continue
            self._read_some(end, text)
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
        # The introduction stays until the team has read it.
        t.next("press Enter to begin")
        t.type("")
        # The hand-over: only the name of who is next, until they press Enter.
        screen = t.next("Anna, press Enter when only you can see the screen.")
        self.assertIn("Pass the laptop to Anna.", screen[screen.rindex(CLEAR):])
        t.type("")
        t.next("Anna, A and B")
        t.type("7 1")
        screen = t.next("Bram, press Enter")
        hand_over = screen[screen.rindex(CLEAR):]
        self.assertNotIn("7 1", hand_over)
        self.assertNotIn("growth", hand_over.lower())
        t.type("")
        # Bram's turn: everything since the last clear must not show Anna's answer.
        screen = t.next("Bram, A and B")
        since_clear = screen[screen.rindex(CLEAR):]
        self.assertIn("Bram", since_clear)
        self.assertNotIn("7 1", since_clear)
        self.assertNotIn("OF OF)", since_clear)
        t.type("2 9")
        t.next("Chris, press Enter")
        t.type("")
        screen = t.next("Chris, A and B")
        since_clear = screen[screen.rindex(CLEAR):]
        self.assertNotIn("7 1", since_clear)
        self.assertNotIn("2 9", since_clear)
        self.assertNotIn("The answers", screen)
        t.type("4 4")
        # The reveal: every answer at once; Enter shows the polarity map,
        # and Enter again goes on.
        screen = t.read_until("Enter for the polarity map")
        reveal = screen[screen.rindex("The answers"):]
        for row in ("Anna", "Bram", "Chris"):
            self.assertIn(row, reveal)
        self.assertIn("\x1b[", reveal)  # colour on a terminal
        t.type("we keep both")
        t.read_until("Note saved")
        t.type("")
        t.read_until("Enter for the next dilemma")
        t.type("")
        for name, answer in (("Anna", "1 1"), ("Bram", "2 2"), ("Chris", "3 3")):
            t.next(f"{name}, press Enter")
            t.type("")
            t.next(f"{name}, A and B")
            t.type(answer)
        t.nth("Enter for the polarity map", 3)  # the prompt again after the note, then this one
        t.type("")
        t.nth("Enter for the next dilemma", 2)
        t.type("")
        t.page_to("Session saved")
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
        t.read_until("Press Enter to begin")  # alone too: the grid would clear it
        t.type("")
        t.read_until("Sam, A and B")
        t.type("3 8")
        t.read_until("Enter for the polarity map")
        t.type("")
        t.read_until("Enter for the next dilemma")
        t.type("")
        t.page_to("Session saved")
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
        # A team with --no-input: the plain line protocol, no waits for Enter.
        t = Terminal(["run", "--participants", "2", "--no-input", "--dilemmas", "growth", "-o",
                      self.tmp / "z.yaml"], clean_env(TERM="xterm"))
        t.read_until("P1, A and B")
        t.type("1 2")
        t.read_until("P2, A and B")
        t.type("quit")
        t.read_until("--resume")
        self.assertEqual(t.close(), 0)
        self.assertNotIn("press Enter", t.screen)

    def test_a_note_that_looks_like_an_answer_is_asked_about_and_unnote_removes(self):
        out = self.tmp / "notes.yaml"
        t = Terminal(["run", "--solo", "--name", "Sam", "--dilemmas", "growth,guidance", "-o", out],
                     clean_env(TERM="xterm"))
        t.read_until("Press Enter to begin")
        t.type("")
        t.read_until("Sam, A and B")
        t.type("3 8")
        t.read_until("Enter for the polarity map")
        t.type("keep this")
        t.read_until("Note saved")
        t.type("a typo")
        t.read_until("Note saved (unnote")
        t.type("unnote")
        t.read_until("Note removed: a typo")
        t.type("9 9")  # meant as the next answer
        t.read_until("'9 9' looks like an answer")
        t.type("a")
        # On to the next dilemma: its card first, then the answer is asked.
        screen = t.read_until("2/2")
        t.read_until("Sam, A and B", timeout=10)
        t.type("note")
        t.read_until("Note: ")
        t.type("back")  # at the note prompt: takes back the last note
        t.read_until("Note removed: keep this")
        t.type("weg")
        t.read_until("There is no note to remove")
        t.type("9 9")
        t.read_until("Both matter a lot")
        t.type("")
        t.nth("Enter for the polarity map", 4)  # after the first reveal, 2 notes, 1 unnote
        t.type("")
        t.read_until("Enter for the next dilemma")
        t.type("")
        t.page_to("Session saved")
        self.assertEqual(t.close(), EX_OK)
        s = yaml.safe_load(out.read_text())
        self.assertEqual(s.get("notes") or [], [])
        self.assertEqual([(a["a"], a["b"]) for a in s["answers"]], [(3, 8), (9, 9)])
        self.assertIn("2/2", screen)

    def test_the_timebox_counts_down(self):
        out = self.tmp / "tb.yaml"
        t = Terminal(["run", "--solo", "--name", "Sam", "--dilemmas", "growth", "--timebox", "3s", "-o", out],
                     clean_env(TERM="xterm"))
        t.read_until("Press Enter to begin")
        t.type("")
        t.read_until("[0:03 left]")
        t.read_until("Time is up", timeout=10)
        # Each second is redrawn in place; a machine that stalls for a whole
        # second may skip one, so the test asks for a countdown that goes
        # down, not for every second.
        shown = [int(x) for x in re.findall(r"\[0:0(\d) left\]", t.screen)]
        self.assertEqual(shown, sorted(shown, reverse=True))
        self.assertLess(min(shown), 3, "the time left never went down")
        t.type("4 4")
        t.read_until("Enter for the polarity map")
        t.type("")
        t.read_until("Enter for the next dilemma")
        t.type("")
        t.page_to("Session saved")
        self.assertEqual(t.close(), EX_OK)
        self.assertEqual(yaml.safe_load(out.read_text())["answers"][0]["a"], 4)

    def test_dutch_countdown_and_note_question(self):
        out = self.tmp / "nl.yaml"
        t = Terminal(["run", "--lang", "nl", "--solo", "--name", "Sam", "--dilemmas", "growth",
                      "--timebox", "3s", "-o", out], clean_env(TERM="xterm"))
        t.read_until("Druk op Enter om te beginnen")
        t.type("")
        t.read_until("[nog 0:03]")
        t.read_until("de tijd is om", timeout=10)
        shown = [int(x) for x in re.findall(r"\[nog 0:0(\d)\]", t.screen)]
        self.assertLess(min(shown), 3, "the time left never went down")
        t.type("3 8")
        t.read_until("Enter voor de polariteitenkaart")
        t.type("9 9")
        t.read_until("'9 9' lijkt een antwoord")
        t.type("n")
        t.read_until("Notitie opgeslagen")
        t.type("")
        t.read_until("Enter voor het volgende dilemma")
        t.type("")
        t.page_to("Sessie opgeslagen")
        self.assertEqual(t.close(), EX_OK)
        self.assertEqual(yaml.safe_load(out.read_text())["notes"][0]["text"], "9 9")


ANSI = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[78])")


class ScreensFit(H2HTestCase):
    """With 12 participants, every screen of a team session (introduction,
    hand-over, check-in, card with the grid picker, reveal, polarity map,
    summary) fits 80x24 and keeps its title."""

    def screens(self, lang, words):
        out = self.tmp / f"fit-{lang}.yaml"
        names = ",".join(f"Deelnemer{i:02}" for i in range(1, 13))
        t = Terminal(["run", "--lang", lang, "--participants", names, "--dilemmas", "growth",
                      "--checkin", "-o", out], clean_env(TERM="xterm"))
        t.next(words["begin"])
        t.type("")
        items = None
        for i in range(1, 13):
            t.next(f"Deelnemer{i:02}, {words['press']}")
            t.type("")
            screen = t.next("(1-5): ")
            if items is None:
                items = int(re.search(r"\[1/(\d+)\]", screen[t.screen.rindex(CLEAR):]).group(1))
            for item in range(items):
                if item:
                    t.next("(1-5): ")
                t.type("3")
        for i in range(1, 13):
            t.next(f"Deelnemer{i:02}, {words['press']}")
            t.type("")
            t.next(f"Deelnemer{i:02}, {words['answer']}")
            a, b = i % 7, (i * 3) % 11
            if i % 2:
                t.type(f"{a} {b}")
            else:  # the dot, moved with the arrow keys from the middle
                keys = ""
                for n, more, less in ((a, "\x1b[C", "\x1b[D"), (b, "\x1b[A", "\x1b[B")):
                    keys += more * (n - 5) if n > 5 else less * (5 - n) if n < 5 else more + less
                os.write(t.main, (keys + "\r").encode())
        t.next(words["map"])
        t.type("")
        t.next(words["discuss"])
        t.type("")
        t.page_to(words["saved"])
        self.assertEqual(t.close(), EX_OK)
        answers = [(a["a"], a["b"]) for a in yaml.safe_load(out.read_text())["answers"]]
        self.assertEqual(answers, [(i % 7, (i * 3) % 11) for i in range(1, 13)])
        # The screens: what stands between two clears (or redraws from the
        # top): every one of them, up to the summary's last page and the
        # line that says where the session was saved.
        return t.screen.split("\x1b[H")[1:]

    def check(self, lang, words):
        screens = self.screens(lang, words)
        self.assertGreater(len(screens), 12 * 2 + 2)
        titles = {"intro": 0, "card": 0, "reveal": 0, "checkin": 0, "map": 0, "after": 0}
        cards = set()
        for screen in screens:
            text = ANSI.sub("", screen).replace("\r", "")
            lines = text.rstrip("\n").split("\n")
            with self.subTest(lang=lang, screen=lines[:2]):
                # Rows on an 80-column terminal: a longer line wraps. Only
                # the prompt at the bottom may wrap; the rest is laid out.
                rows = sum(max(1, -(-len(l) // 80)) for l in lines)
                self.assertLessEqual(rows, 24, text)
                laid_out = [l for l in lines[:-1] if "(1-5): " not in l]
                self.assertLessEqual(max((len(l) for l in laid_out), default=0), 80, text)
            first = next((l for l in lines if l.strip()), "")
            if titles["reveal"]:  # the polarity map, then the summary
                titles["map" if first.startswith(words["map_title"]) else "after"] += 1
            elif first.startswith("H2H"):
                titles["intro"] += 1
            elif first.startswith(words["reveal"]):
                titles["reveal"] += 1
                self.assertIn("12 Deelnemer12", text)  # the whole table is on it
                self.assertIn("EN EN", text)
            elif "1/1" in text:
                # The card with the grid: drawn again as the dot moves.
                self.assertTrue(first.startswith("Deelnemer"), first)
                cards.add(first)
            elif "(1-5)" in text:
                titles["checkin"] += 1
        titles["card"] = len(cards)
        after = titles.pop("after")
        self.assertGreater(after, 0)  # the summary
        self.assertEqual(titles, {"intro": 1, "card": 12, "reveal": 1, "checkin": 12, "map": 1})

    def test_english(self):
        self.check("en", {"begin": "press Enter to begin", "press": "press Enter",
                          "answer": "A and B", "discuss": "Enter for the next dilemma",
                          "map": "Enter for the polarity map", "map_title": "Polarity map",
                          "saved": "Session saved", "reveal": "The answers:"})

    def test_dutch(self):
        self.check("nl", {"begin": "druk op Enter om te beginnen", "press": "druk op Enter",
                          "answer": "A en B", "discuss": "Enter voor het volgende dilemma",
                          "map": "Enter voor de polariteitenkaart",
                          "map_title": "Polariteitenkaart", "saved": "Sessie opgeslagen",
                          "reveal": "De antwoorden:"})


if __name__ == "__main__":
    import unittest
    unittest.main()
