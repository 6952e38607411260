"""h2h run through the real binary: piped sessions, files, resume, signals."""

import os
import random
import re
import shutil
import signal
import stat
import subprocess
import threading
import time

import yaml

from h2h_e2e import (EX_DATA, EX_FAILURE, EX_INTERRUPTED, EX_OK, EX_USAGE, H2H, SOURCE_DIR,
                     H2HTestCase, clean_env, run)

H2H_DILEMMAS = ["transparency", "sustainability", "workload", "growth", "guidance"]


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def points(session):
    return [(a["dilemma"], a["participant"], a["a"], a["b"]) for a in session["answers"]]


class Streamed:
    """h2h run with a pipe we write to line by line, reading stderr as it comes."""

    def __init__(self, *args, env=None, cwd=None):
        self.proc = subprocess.Popen([H2H, *map(str, args)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env or clean_env(), cwd=cwd)
        self.err = b""
        self.out = b""
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._pump, args=(self.proc.stderr, "err")),
                         threading.Thread(target=self._pump, args=(self.proc.stdout, "out"))]
        for t in self._threads:
            t.daemon = True
            t.start()

    def _pump(self, stream, name):
        while True:
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                return
            with self._lock:
                setattr(self, name, getattr(self, name) + chunk)

    def stderr(self):
        with self._lock:
            return self.err.decode(errors="replace")

    def send(self, line):
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def wait_for(self, pattern, count=1, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            if len(re.findall(pattern, self.stderr())) >= count:
                return True
            time.sleep(0.005)
        raise AssertionError(f"{pattern!r} x{count} not seen in:\n{self.stderr()}")

    def finish(self, timeout=10):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        code = self.proc.wait(timeout=timeout)
        for t in self._threads:
            t.join(timeout=5)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code


class PipedSessions(H2HTestCase):
    def test_full_solo_session_through_a_pipe(self):
        out = self.tmp / "s.yaml"
        answers = "8 3\n9/9\nbuild it together\n5,5\n2 2\n1 9\n"
        r = run("run", "--solo", "--name", "Sam", "-o", out, input=answers)
        self.assertExit(r, EX_OK)
        s = load(out)
        self.assertEqual(s["schema"], "h2h-session/1")
        self.assertEqual(s["mode"], "solo")
        self.assertEqual(s["participants"], [{"id": "p1", "name": "Sam"}])
        self.assertEqual(points(s), [("transparency", "p1", 8, 3), ("sustainability", "p1", 9, 9),
                                     ("workload", "p1", 5, 5), ("growth", "p1", 2, 2),
                                     ("guidance", "p1", 1, 9)])
        self.assertEqual(s["answers"][1]["idea"], "build it together")
        self.assertEqual(s["revealed"], H2H_DILEMMAS)
        self.assertIsNotNone(s["finished"])
        self.assertEqual(s["deck"]["id"], "h2h")
        self.assertRegex(s["deck"]["hash"], r"^fnv1a64:[0-9a-f]{16}$")
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        # Results on stdout, conversation (prompts) on stderr; no colour in a pipe.
        self.assertIn("EN EN reflection", r.stdout)
        self.assertNotIn("Sam, A and B", r.stdout)
        self.assertIn("Sam, A and B", r.stderr)
        self.assertNotIn("\x1b", r.stdout + r.stderr)
        self.assertIn(f"Session saved: {out}", r.stderr)

    def test_full_team_session_with_checkin_ideas_and_notes(self):
        out = self.tmp / "team.yaml"
        lines = []
        lines += ["4", "5", "3"]                  # Anna's check-in (3 items)
        lines += ["2", "skip", "5"]               # Bram's
        lines += ["8 3", "10 2", "9 8", ""]       # transparency; Chris en-en without idea
        lines += ["note we share the why", "7 7", "open books, closed drafts", "1 1", "4 6"]
        r = run("run", "--participants", "Anna, Bram,Chris", "--team", "Sales NL",
                "--deck", "customer", "--dilemmas", "self-service,authority", "--checkin",
                "-o", out, input="\n".join(lines) + "\n")
        self.assertExit(r, EX_FAILURE)  # Chris's check-in never came: input ended
        s = load(out)
        self.assertEqual(len(s["checkin"]), 6)
        # Redo with Chris's check-in: a complete session.
        out.unlink()
        lines = ["4", "5", "3", "2", "skip", "5", "1", "1", "1"] + lines[6:]
        # The team deck has two check-in items per need; only give what is asked.
        r = run("run", "--participants", "Anna, Bram,Chris", "--team", "Sales NL",
                "--deck", "customer", "--dilemmas", "self-service,authority", "--no-checkin",
                "-o", out, input="\n".join(lines[9:]) + "\n")
        self.assertExit(r, EX_OK)
        s = load(out)
        self.assertEqual(s["team"], "Sales NL")
        self.assertEqual([p["name"] for p in s["participants"]], ["Anna", "Bram", "Chris"])
        self.assertEqual(points(s), [("self-service", "p1", 8, 3), ("self-service", "p2", 10, 2),
                                     ("self-service", "p3", 9, 8), ("authority", "p1", 7, 7),
                                     ("authority", "p2", 1, 1), ("authority", "p3", 4, 6)])
        self.assertNotIn("idea", s["answers"][2])
        self.assertEqual(s["answers"][3]["idea"], "open books, closed drafts")
        self.assertEqual(s["notes"], [{"dilemma": "authority", "text": "we share the why",
                                       "time": s["notes"][0]["time"]}])
        self.assertEqual(r.stdout.count("The answers:"), 2)

    def test_checkin_ratings_are_recorded(self):
        out = self.tmp / "c.yaml"
        ratings = ["5", "4", "3", "2", "1", "skip"]
        r = run("run", "--solo", "--name", "Ina", "--checkin", "--dilemmas", "growth", "-o", out,
                input="\n".join(ratings + ["3 8"]) + "\n")
        self.assertExit(r, EX_OK)
        s = load(out)
        self.assertEqual([c["value"] for c in s["checkin"]], [5, 4, 3, 2, 1, None])
        self.assertEqual(len(s["checkin_items"]), 6)

    def test_bad_answers_are_asked_again(self):
        out = self.tmp / "b.yaml"
        r = run("run", "--solo", "--dilemmas", "growth,guidance", "-o", out,
                input="83\n11 2\neight three\n\n8 3\n-1 4\n4 4\n")
        self.assertExit(r, EX_OK)
        self.assertEqual(r.stderr.count("Type two numbers from 0 to 10"), 5)
        self.assertEqual(points(load(out)), [("growth", "p1", 8, 3), ("guidance", "p1", 4, 4)])

    def test_back_redoes_the_previous_answer(self):
        out = self.tmp / "back.yaml"
        r = run("run", "--participants", "A1,B1", "--dilemmas", "growth,guidance", "-o", out,
                input="1 1\n2 2\nback\n3 3\n4 4\n5 5\n")
        self.assertExit(r, EX_OK)
        self.assertEqual(points(load(out)), [("growth", "p1", 1, 1), ("growth", "p2", 3, 3),
                                             ("guidance", "p1", 4, 4), ("guidance", "p2", 5, 5)])

    def test_reveal_early_and_help(self):
        out = self.tmp / "r.yaml"
        r = run("run", "--participants", "3", "--dilemmas", "growth,guidance", "-o", out,
                input="?\n1 1\nreveal\n2 2\n3 3\n4 4\n")
        self.assertExit(r, EX_OK)
        self.assertIn("redo the previous answer", r.stderr)
        s = load(out)
        self.assertEqual(points(s), [("growth", "p1", 1, 1), ("guidance", "p1", 2, 2),
                                     ("guidance", "p2", 3, 3), ("guidance", "p3", 4, 4)])
        self.assertIn("no answer", r.stdout)

    def test_dutch_session_fits_80_columns(self):
        r = run("run", "--participants", "Anna,Bram", "--dilemmas", "growth,workload",
                "-o", self.tmp / "nl.yaml", "--lang", "nl", input="8 3\n9 9\nsamen\n1 2\n3 4\n")
        self.assertExit(r, EX_OK)
        self.assertIn("Groei", r.stdout + r.stderr)
        self.assertIn("De antwoorden", r.stdout)
        for line in (r.stdout + r.stderr).splitlines():
            self.assertLessEqual(len(line), 80, line)
        self.assertEqual(load(self.tmp / "nl.yaml")["language"], "nl")

    def test_default_file_name(self):
        r = run("run", "--solo", "--name", "Sam de Vries", "--dilemmas", "growth", input="8 3\n",
                cwd=self.tmp)
        self.assertExit(r, EX_OK)
        files = list(self.tmp.glob("h2h-sam-de-vries-*.yaml"))
        self.assertEqual(len(files), 1, list(self.tmp.iterdir()))
        self.assertRegex(files[0].name, r"^h2h-sam-de-vries-\d{8}-\d{4}\.yaml$")

    def test_anonymous_names_are_never_written_or_shown(self):
        out = self.tmp / "anon.yaml"
        r = run("run", "--participants", "Annabel,Bartholomew", "--anonymous", "--team", "Ops",
                "--dilemmas", "growth", "-o", out, input="8 3\n2 9\n")
        self.assertExit(r, EX_OK)
        text = out.read_text()
        for name in ("Annabel", "Bartholomew"):
            self.assertNotIn(name, text)
            self.assertNotIn(name, r.stdout + r.stderr)
        self.assertEqual([p["name"] for p in load(out)["participants"]], ["P1", "P2"])
        self.assertTrue(load(out)["anonymous"])


class SetupErrors(H2HTestCase):
    def test_pipe_without_mode_or_with_no_input_is_a_usage_error(self):
        r = run("run", input="8 3\n")
        self.assertExit(r, EX_USAGE)
        self.assertIn("--participants or --solo", r.stderr)
        r = run("run", "--participants", "A,B", "--checkin", "--deck", SOURCE_DIR / "tests" / "data"
                / "decks" / "no-dilemmas.yaml", input="")
        self.assertExit(r, EX_DATA)

    def test_bad_options(self):
        for args in (["--solo", "--participants", "A,B"], ["--name", "X"],
                     ["--solo", "--dilemmas", "nope"], ["--solo", "--timebox", "soon"],
                     ["--participants", "Ann,Ann"], ["--participants", "500"],
                     ["--checkin", "--no-checkin", "--solo"], ["--resume", "x.yaml", "--solo"]):
            with self.subTest(args=args):
                r = run("run", *args, "-o", self.tmp / "x.yaml", input="")
                self.assertExit(r, EX_USAGE)
                self.assertTrue(r.stderr.startswith("h2h: error: "), r.stderr)
                self.assertFalse((self.tmp / "x.yaml").exists())

    def test_never_overwrites_a_file_that_is_not_a_session(self):
        precious = self.tmp / "notes.yaml"
        precious.write_text("my notes\n")
        r = run("run", "--solo", "-o", precious, input="8 3\n")
        self.assertExit(r, EX_USAGE)
        self.assertIn("not an h2h session file", r.stderr)
        self.assertEqual(precious.read_text(), "my notes\n")
        session = self.tmp / "s.yaml"
        run("run", "--solo", "--dilemmas", "growth", "-o", session, input="8 3\n")
        r = run("run", "--solo", "-o", session, input="8 3\n")
        self.assertExit(r, EX_USAGE)
        self.assertIn("--resume", r.stderr)
        r = run("run", "--solo", "--dilemmas", "guidance", "-o", precious, "--force", input="1 2\n")
        self.assertExit(r, EX_OK)


class StopAndResume(H2HTestCase):
    def resume(self, out, answers, *extra):
        r = run("run", "--resume", out, *extra, input=answers)
        self.assertExit(r, EX_OK)
        return load(out)

    def test_quit_then_resume(self):
        out = self.tmp / "q.yaml"
        r = run("run", "--participants", "A1,B1", "-o", out, input="1 2\n3 4\n5 6\nquit\n")
        self.assertExit(r, EX_OK)
        self.assertIn("--resume", r.stderr)
        self.assertIn("dilemma 2/5", r.stderr)
        self.assertEqual(len(load(out)["answers"]), 3)
        s = self.resume(out, "7 6\n" + "1 1\n2 2\n" * 3)
        self.assertEqual(len(s["answers"]), 10)
        self.assertEqual(points(s)[:4], [("transparency", "p1", 1, 2), ("transparency", "p2", 3, 4),
                                         ("sustainability", "p1", 5, 6),
                                         ("sustainability", "p2", 7, 6)])
        self.assertIsNotNone(s["finished"])

    def test_end_of_input_then_resume(self):
        out = self.tmp / "e.yaml"
        r = run("run", "--solo", "-o", out, input="1 2\n3 4\n")
        self.assertExit(r, EX_FAILURE)
        self.assertIn("Input ended at dilemma 3/5", r.stderr)
        self.assertIn(f"h2h run --resume {out}", r.stderr)
        s = self.resume(out, "5 5\n6 6\n7 3\n")
        self.assertEqual([p[2] for p in points(s)], [1, 3, 5, 6, 7])

    def test_ctrl_c_saves_says_where_and_exits_130(self):
        out = self.tmp / "i.yaml"
        h = Streamed("run", "--participants", "A1,B1", "-o", out)
        h.send("1 2")
        h.send("3 4")
        h.send("5 6")
        h.wait_for(r"B1, A and B", count=2)
        h.proc.send_signal(signal.SIGINT)
        self.assertEqual(h.finish(), EX_INTERRUPTED)
        self.assertIn("Interrupted at dilemma 2/5 (sustainability), participant B1", h.stderr())
        self.assertEqual(len(load(out)["answers"]), 3)
        s = self.resume(out, "7 6\n" + "1 1\n2 2\n" * 3)
        self.assertEqual(len(s["answers"]), 10)

    def test_resume_of_a_complete_session_says_so(self):
        out = self.tmp / "done.yaml"
        run("run", "--solo", "--dilemmas", "growth", "-o", out, input="8 3\n")
        before = out.read_text()
        for lang, words in (("en", "This session is already complete"),
                            ("nl", "Deze sessie is al klaar")):
            r = run("run", "--resume", out, "--lang", lang, input="9 9\n")
            self.assertExit(r, EX_OK)
            self.assertIn(words, r.stderr)
            self.assertIn(f"h2h report {out}", r.stderr)
            self.assertEqual(r.stdout, "")  # no introduction, no reflection
            self.assertEqual(out.read_text(), before)

    def test_resume_with_a_timebox_applies_it(self):
        out = self.tmp / "tb.yaml"
        run("run", "--solo", "--dilemmas", "growth,guidance", "-o", out, input="8 3\nquit\n")
        self.assertIn("timebox: 0\n", out.read_text())
        h = Streamed("run", "--resume", out, "--timebox", "1m")
        h.wait_for(r"\[1:00 left\]")
        h.send("quit")
        self.assertEqual(h.finish(), EX_OK)
        self.assertIn("timebox: 60\n", out.read_text())

    def test_changed_deck_is_refused_unless_forced(self):
        deck = self.tmp / "deck.yaml"
        shutil.copy(SOURCE_DIR / "dilemmas" / "customer.yaml", deck)
        out = self.tmp / "d.yaml"
        self.assertExit(run("run", "--solo", "--deck", deck, "-o", out, input="1 1\n"), EX_FAILURE)
        deck.write_text(deck.read_text().replace("Digital self-service", "Self-service online"))
        before = out.read_text()
        r = run("run", "--resume", out, "--deck", deck, input="2 2\n")
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{out}: deck 'customer' changed since this session started", r.stderr)
        self.assertEqual(out.read_text(), before)
        # Comments and layout are not content: they never block a resume.
        deck.write_text("# a comment\n" + deck.read_text())
        r = run("run", "--resume", out, "--deck", deck, "--force", input="2 2\n")
        self.assertExit(r, EX_FAILURE)  # more dilemmas to go; input ended
        self.assertEqual(len(load(out)["answers"]), 2)
        r = run("run", "--resume", out, "--deck", deck, input="3 3\n")
        self.assertExit(r, EX_FAILURE)
        self.assertEqual(len(load(out)["answers"]), 3)

    def test_invalid_session_file_is_reported_with_its_place(self):
        out = self.tmp / "bad.yaml"
        run("run", "--solo", "--dilemmas", "growth,guidance", "-o", out, input="8 3\n")
        out.write_text(out.read_text().replace("a: 8", "a: 12"))
        r = run("run", "--resume", out, input="")
        self.assertExit(r, EX_DATA)
        self.assertRegex(r.stderr, rf"^{re.escape(str(out))}:\d+:\d+: 'a' must be an integer 0..10")


class Timebox(H2HTestCase):
    def test_time_left_and_time_up_never_lose_answers(self):
        out = self.tmp / "t.yaml"
        h = Streamed("run", "--solo", "--dilemmas", "growth,guidance", "--timebox", "1s", "-o", out)
        h.wait_for(r"left\]")
        h.wait_for(r"Time is up for this dilemma", timeout=5)
        h.send("8 3")
        h.send("2 2")
        self.assertEqual(h.finish(), EX_OK)
        self.assertEqual(points(load(out)), [("growth", "p1", 8, 3), ("guidance", "p1", 2, 2)])


class KillSafety(H2HTestCase):
    """SIGKILL at random points: the file always loads and holds every answer
    acknowledged (the next prompt shown) before the kill."""

    TRIALS = int(os.environ.get("H2H_KILL_TRIALS", "20"))

    def test_sigkill_at_random_points(self):
        rng = random.Random(int(os.environ.get("H2H_KILL_SEED", "2026")))
        answers = [(a % 11, (a * 7) % 5) for a in range(12)]  # never en-en: one line each
        survived = 0
        for trial in range(self.TRIALS):
            out = self.tmp / f"k{trial}.yaml"
            h = Streamed("run", "--participants", "A1,B1,C1,D1", "--deck", "customer",
                         "--dilemmas", "self-service,saying-no,authority", "-o", out)
            kill_after = rng.randrange(len(answers))
            for i, (a, b) in enumerate(answers):
                h.send(f"{a} {b}")
                if i == kill_after:
                    time.sleep(rng.random() * 0.004)
                    break
                h.wait_for(r"A and B: \n", count=i + 2)
            acknowledged = max(0, len(re.findall(r"A and B: \n", h.stderr())) - 1)
            h.proc.kill()
            h.finish()
            if not out.exists():  # killed before h2h wrote the file: nothing was acknowledged
                self.assertEqual(acknowledged, 0)
                survived += 1
                continue
            r = run("run", "--resume", out, "--no-input", input="")
            self.assertIn(r.returncode, (EX_OK, EX_FAILURE), r.stderr)  # it loads
            # The killed writer's lock is taken over, its temporaries removed.
            self.assertEqual(list(self.tmp.glob(f".k{trial}.yaml.*")), [])
            s = load(out)
            got = [(x["a"], x["b"]) for x in s["answers"]]
            self.assertGreaterEqual(len(got), acknowledged)
            self.assertEqual(got, answers[:len(got)])
            survived += 1
        self.assertEqual(survived, self.TRIALS)
        print(f"\nkill trials survived: {survived}/{self.TRIALS}")


if __name__ == "__main__":
    import unittest
    unittest.main()
