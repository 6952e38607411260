"""Nothing lost, nothing silently wrong: outputs that never clobber, one
writer per session file, checked standard output, and every bad input a
clear message in h2h's own words, with its place."""

import json
import re
import os
import signal
import subprocess
import time
import zipfile

import yaml

from xlsx_maker import write_xlsx

from h2h_e2e import (EX_DATA, EX_FAILURE, EX_OK, EX_USAGE, H2H, SOURCE_DIR, H2HTestCase,
                     clean_env, run)

LIBRARY_WORDS = ("json.exception", "yaml-cpp", "bad file", "line 1, column", "to be a deck")


def make_session(path, answer="8 3"):
    r = run("run", "--solo", "--dilemmas", "growth", "-o", path, input=answer + "\n")
    assert r.returncode == EX_OK, r.stderr
    return path.read_bytes()


class Clean(H2HTestCase):
    def assertClean(self, result):
        """A message of h2h's own, never a library's."""
        for words in LIBRARY_WORDS:
            self.assertNotIn(words, result.stderr)


class OutputsNeverClobber(Clean):
    def setUp(self):
        super().setUp()
        self.session = self.tmp / "s.yaml"
        self.before = make_session(self.session)

    def test_never_over_an_input(self):
        for force in ((), ("--force",)):
            r = run("report", self.session, "-o", self.session, *force)
            self.assertExit(r, EX_USAGE)
            self.assertIn(f"{self.session}: is also an input of this command", r.stderr)
            self.assertEqual(self.session.read_bytes(), self.before)
        link = self.tmp / "link.txt"  # another name for the input
        link.symlink_to(self.session)
        r = run("report", self.session, "-o", link, "--force")
        self.assertExit(r, EX_USAGE)
        self.assertIn("is also an input", r.stderr)
        self.assertTrue(link.is_symlink())
        hard = self.tmp / "hard.txt"
        os.link(self.session, hard)
        self.assertExit(run("report", self.session, "-o", hard, "--force"), EX_USAGE)
        self.assertEqual(self.session.read_bytes(), self.before)
        csv = self.tmp / "r.csv"
        csv.write_text("respondent,growth.a,growth.b\nr1,8,3\n")
        r = run("import", csv, "-o", csv, "--force")
        self.assertExit(r, EX_USAGE)
        self.assertEqual(csv.read_text(), "respondent,growth.a,growth.b\nr1,8,3\n")
        deck = self.tmp / "deck.yaml"
        deck.write_bytes((SOURCE_DIR / "dilemmas" / "h2h.yaml").read_bytes())
        r = run("form", "--deck", deck, "-o", deck, "--force")
        self.assertExit(r, EX_USAGE)
        self.assertIn("is also an input", r.stderr)
        out = self.tmp / "form.csv"
        self.assertExit(run("form", "-o", out, "--map-out", out), EX_USAGE)
        self.assertFalse(out.exists())

    def test_never_over_a_session_or_deck_without_force(self):
        other = self.tmp / "other.yaml"
        kept = make_session(other, "2 9")
        for args in (("report", self.session, "-o", other),
                     ("report", self.session, "--format", "json", "-o", other),
                     ("form", "-o", other), ("form", "--map-out", other)):
            r = run(*args)
            self.assertExit(r, EX_USAGE)
            self.assertIn(f"{other}: is an h2h session file", r.stderr)
            self.assertEqual(other.read_bytes(), kept, args)
        deck = self.tmp / "deck.yaml"
        deck.write_bytes((SOURCE_DIR / "dilemmas" / "customer.yaml").read_bytes())
        r = run("report", self.session, "-o", deck)
        self.assertExit(r, EX_USAGE)
        self.assertIn("is a deck", r.stderr)
        r = run("report", self.session, "-o", other, "--force")
        self.assertExit(r, EX_OK)
        self.assertNotEqual(other.read_bytes(), kept)
        # A report of its own kind (or any other regular file) is replaced.
        out = self.tmp / "report.txt"
        out.write_text("an older report\n")
        self.assertExit(run("report", self.session, "-o", out), EX_OK)
        self.assertIn("Growth", out.read_text())

    def test_never_through_a_symlink_or_into_a_fifo(self):
        target = self.tmp / "notes.txt"
        target.write_text("keep me\n")
        link = self.tmp / "link.html"
        link.symlink_to(target)
        r = run("report", self.session, "--format", "html", "-o", link)
        self.assertExit(r, EX_USAGE)
        self.assertIn("is a symbolic link", r.stderr)
        self.assertEqual(target.read_text(), "keep me\n")
        self.assertTrue(link.is_symlink())
        fifo = self.tmp / "fifo"
        os.mkfifo(fifo)
        for args in (("report", self.session, "-o", fifo, "--force"), ("form", "-o", fifo),
                     ("form", "--map-out", fifo, "--force"),
                     ("run", "--solo", "--dilemmas", "growth", "-o", fifo),
                     ("run", "--solo", "--dilemmas", "growth", "-o", fifo, "--force"),
                     ("run", "--resume", fifo)):
            r = run(*args, input="8 3\n", timeout=10)  # refused, never opened: no hang
            self.assertExit(r, EX_USAGE)
            self.assertIn(f"{fifo}: is not a regular file", r.stderr)
        self.assertTrue(os.path.exists(fifo) and not os.path.isfile(fifo))
        r = run("run", "--resume", link, input="")
        self.assertExit(r, EX_USAGE)
        self.assertIn("is a symbolic link", r.stderr)


class Locks(Clean):
    def start(self, path, *args):
        p = subprocess.Popen([H2H, "run", "--participants", "A1,B1", "--dilemmas", "growth",
                              *args, "-o", str(path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=clean_env())
        end = time.time() + 10
        while not path.exists() and time.time() < end:
            time.sleep(0.01)
        self.assertTrue(path.exists(), "the first writer never saved")
        return p

    def test_a_second_writer_is_refused_naming_the_holder(self):
        path = self.tmp / "race.yaml"
        first = self.start(path)
        lock = self.tmp / ".race.yaml.lock"
        self.assertIn(f"pid: {first.pid}\n", lock.read_text())
        for args in (("run", "--solo", "--dilemmas", "growth", "-o", path, "--force"),
                     ("run", "--resume", path), ("run", "--resume", path, "--force")):
            r = run(*args, input="1 1\n")
            self.assertExit(r, EX_FAILURE)
            self.assertIn(f"{path}: is being written by h2h, process {first.pid} on ", r.stderr)
            self.assertNotIn("Session saved", r.stdout + r.stderr)
        out, err = first.communicate("8 3\n2 9\n", timeout=20)
        self.assertEqual(first.returncode, EX_OK, err)
        self.assertFalse(lock.exists())  # released with the session
        s = yaml.safe_load(path.read_text())
        self.assertEqual([(x["a"], x["b"]) for x in s["answers"]], [(8, 3), (2, 9)])
        self.assertExit(run("run", "--resume", path, input=""), EX_OK)

    def test_writers_started_together_never_both_write(self):
        for trial in range(10):
            path = self.tmp / f"race{trial}.yaml"
            procs = [subprocess.Popen([H2H, "run", "--solo", "--dilemmas", "growth", "-o",
                                       str(path)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env=clean_env()) for _ in range(2)]
            results = [p.communicate(f"{i} {i}\n", timeout=20) + (p.returncode,)
                       for i, p in enumerate(procs)]
            codes = sorted(code for _, _, code in results)
            self.assertEqual(codes[0], EX_OK, results)
            self.assertIn(codes[1], (EX_FAILURE, EX_USAGE), results)  # locked out, or a session
            winner = [i for i, (_, _, code) in enumerate(results) if code == EX_OK][0]
            s = yaml.safe_load(path.read_text())
            self.assertEqual([(x["a"], x["b"]) for x in s["answers"]], [(winner, winner)])

    def test_a_killed_writers_lock_and_temporaries_are_taken_over(self):
        path = self.tmp / "k.yaml"
        first = self.start(path)
        first.stdin.write("8 3\n")
        first.stdin.flush()
        end = time.time() + 10
        while "a: 8" not in path.read_text() and time.time() < end:
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        lock = self.tmp / ".k.yaml.lock"
        self.assertIn(f"pid: {first.pid}\n", lock.read_text())  # left behind, stale
        # What a save killed half-way leaves: removed on resume; anything
        # else that looks alike is not touched.
        stale = self.tmp / ".k.yaml.0123456789abcdef.tmp"
        stale.write_text("schema: h2h-session/1\n")
        other = self.tmp / ".k.yaml.notmine.tmp"
        other.write_text("x")
        r = run("run", "--resume", path, input="2 9\n")
        self.assertExit(r, EX_OK)
        self.assertIn(f"{path}: removed 1 temporary file(s) of a save that was cut off", r.stderr)
        self.assertIn(".k.yaml.0123456789abcdef.tmp", r.stderr)
        self.assertFalse(stale.exists())
        self.assertTrue(other.exists())
        self.assertFalse(lock.exists())
        s = yaml.safe_load(path.read_text())
        self.assertEqual([(x["a"], x["b"]) for x in s["answers"]], [(8, 3), (2, 9)])

    def test_a_served_session_is_locked(self):
        path = self.tmp / "served.yaml"
        p = subprocess.Popen([H2H, "run", "--serve", "--listen", "127.0.0.1:0", "--dilemmas",
                              "growth", "-o", str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=clean_env())
        try:
            lock = self.tmp / ".served.yaml.lock"
            end = time.time() + 10
            while not lock.exists() and time.time() < end:
                time.sleep(0.01)
            self.assertTrue(lock.exists())
            time.sleep(0.1)  # the holder's lines written
            r = run("run", "--resume", path, input="")
            self.assertExit(r, EX_FAILURE)
            self.assertIn(f"is being written by h2h, process {p.pid} on ", r.stderr)
            r = run("run", "--serve", "--listen", "127.0.0.1:0", "--resume", path, input="")
            self.assertExit(r, EX_FAILURE)
            self.assertIn("is being written by h2h", r.stderr)
        finally:
            p.communicate("quit\n", timeout=20)
        self.assertFalse((self.tmp / ".served.yaml.lock").exists())


class StandardOutput(Clean):
    def to_full(self, *args, input=None):
        with open("/dev/full", "w") as full:
            return subprocess.run([H2H, *map(str, args)], stdout=full, stderr=subprocess.PIPE,
                                  input=input, text=True, env=clean_env(), timeout=60)

    def test_a_failed_write_to_standard_output_is_an_error(self):
        session = self.tmp / "s.yaml"
        make_session(session)
        for args in (("report", session), ("report", session, "--format", "json"),
                     ("report", session, "--format", "html"), ("list",), ("list", "--format", "json"),
                     ("show", "growth"), ("form",), ("form", "--format", "html"), ("decks",),
                     ("template",), ("--help",), ("report", "--help"), ("--version",)):
            r = self.to_full(*args)
            self.assertEqual(r.returncode, EX_FAILURE, f"{args}: {r.stderr}")
            self.assertIn("h2h: error: cannot write to standard output: ", r.stderr)
            self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
        r = self.to_full("report", session, "--format", "json")
        self.assertIn("cannot write to standard output: No space left on device", r.stderr)
        r = self.to_full("--lang", "nl", "list")
        self.assertIn("kan niet naar standaarduitvoer schrijven", r.stderr)

    def test_a_session_keeps_its_answers_when_standard_output_fails(self):
        out = self.tmp / "t.yaml"
        r = self.to_full("run", "--solo", "--dilemmas", "growth", "-o", out, input="8 3\n")
        self.assertEqual(r.returncode, EX_FAILURE, r.stderr)
        self.assertIn("cannot write to standard output", r.stderr)
        s = yaml.safe_load(out.read_text())
        self.assertEqual([(x["a"], x["b"]) for x in s["answers"]], [(8, 3)])

    def test_never_saved_when_nothing_was_written(self):
        out = self.tmp / "t1.yaml"
        script = f'ulimit -f 1; exec "{H2H}" run --participants A1,B1 -o "{out}"'
        answers = "".join(f"{i % 11} {(i * 3) % 5}\n" for i in range(10))
        r = subprocess.run(["bash", "-c", script], input=answers, capture_output=True, text=True,
                           env=clean_env())
        self.assertEqual(r.returncode, EX_FAILURE, r.stderr)
        self.assertNotIn("Session saved", r.stdout + r.stderr)
        self.assertIn(f"The session could NOT be saved in {out}.", r.stderr)


class ReportJson(Clean):
    def setUp(self):
        super().setUp()
        a, b = self.tmp / "a.yaml", self.tmp / "b.yaml"
        r = run("run", "--participants", "Ann,Bob", "--team", "Red", "-o", a,
                input="".join(f"{i} {10 - i}\n" for i in range(10)))
        self.assertExit(r, EX_OK)
        r = run("run", "--participants", "Cor", "--team", "Blue", "--checkin", "-o", b,
                input="4\n2\n5\n3\n1\n2\n" + "".join(f"{i} {i}\n" for i in range(5)))
        self.assertExit(r, EX_OK)
        self.good = self.tmp / "good.json"
        self.assertExit(run("report", a, b, "--by", "team", "--format", "json", "-o", self.good),
                        EX_OK)
        self.data = json.loads(self.good.read_text())

    def check(self, data, *messages, text=None, code=EX_DATA, lang="en"):
        path = self.tmp / "bad.json"
        if text is None:
            text = json.dumps(data, indent=2)
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        r = run("--lang", lang, "report", path, "--by", "team")
        self.assertExit(r, code)
        self.assertClean(r)
        for m in messages:
            self.assertIn(m, r.stderr)
        return r

    def mutated(self, change):
        data = json.loads(self.good.read_text())
        change(data)
        return data

    def test_a_valid_report_merges(self):
        r = run("report", self.good, self.good, "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual(json.loads(r.stdout)["participants"], 2 * self.data["participants"])

    def test_types_and_ranges(self):
        d = self.mutated(lambda d: d["dilemmas"][0].__setitem__("needs", 5))
        self.check(d, "bad.json: at /dilemmas/0/needs: expected a list")
        d = self.mutated(lambda d: d.__setitem__("participants", 9223372036854775807))
        self.check(d, "at /participants: expected a count (an integer 0..1000000000000)")
        d = self.mutated(lambda d: d.__setitem__("participants", -2))
        self.check(d, "at /participants: expected a count")
        d = self.mutated(lambda d: d["dilemmas"][1]["grid"][3].__setitem__(4, -1))
        self.check(d, "at /dilemmas/1/grid/3/4: expected a count")
        d = self.mutated(lambda d: d["dilemmas"][1].__setitem__("id", "nope"))
        self.check(d, "at /dilemmas/1/id: dilemma \"nope\" is not in deck 'h2h'")
        d = self.mutated(lambda d: d["groups"][0].__setitem__("name", 7))
        self.check(d, "at /groups/0/name: expected a text")
        # Every problem at once, each with its path.
        d = self.mutated(lambda d: (d["dilemmas"][0].__setitem__("needs", 5),
                                    d["needs"][0].__setitem__("id", None)))
        r = self.check(d, "at /dilemmas/0/needs:", "at /needs/0/id:")
        self.assertEqual(len(r.stderr.splitlines()), 2)
        r = self.check(self.mutated(lambda d: d["dilemmas"][0].__setitem__("needs", 5)),
                       "bij /dilemmas/0/needs: lijst verwacht", lang="nl")

    def test_sums_that_must_agree(self):
        grown = self.data["dilemmas"][0]["n"]
        d = self.mutated(lambda d: d["dilemmas"][0].__setitem__("n", 1000))
        self.check(d, f"at /dilemmas/0/n: is 1000, but the rest of the report gives {grown}")
        d = self.mutated(lambda d: d["dilemmas"][0]["a"].__setitem__("sd", 31.6))
        self.check(d, "at /dilemmas/0/a/sd: is 31.6, but the rest of the report gives")
        d = self.mutated(lambda d: d["dilemmas"][0]["classes"].__setitem__("a", 7))
        self.check(d, "at /dilemmas/0/classes/a: is 7")
        d = self.mutated(lambda d: d["dilemmas"][0]["needs"][0].__setitem__("denominator", 0))
        self.check(d, "at /dilemmas/0/needs/0/denominator: is 0, but the rest of the report gives")
        d = self.mutated(lambda d: d["needs"][0].__setitem__("numerator", 1))
        self.check(d, "at /needs/0/numerator: is 1")
        d = self.mutated(lambda d: d.__setitem__("answers", 99))
        self.check(d, "at /answers: is 99")

        def all_in_one_cell(d):  # consistent sums, but more answers than participants
            cell = d["dilemmas"][0]["grid"][10][10]
            d["dilemmas"][0]["grid"][10][10] = cell + 50
        r = self.check(self.mutated(all_in_one_cell), "at /dilemmas/0/n: is ")
        self.assertIn("answers to this dilemma, but only 3 participants", r.stderr)

        def one_group_more(d):
            d["groups"][0]["participants"] += 1
        self.check(self.mutated(one_group_more),
                   "at /groups: the groups add up to 4 (participants), but the total says 3")

        def checkin_out_of_range(d):
            c = next(n["checkin"] for n in d["needs"] if n["checkin"])
            c["sum"] = 6 * c["n"]
        self.check(self.mutated(checkin_out_of_range), "check-in sums that ratings 1..5 cannot give")

    def test_deck_and_version(self):
        now = self.data["deck"]["version"]
        d = self.mutated(lambda d: d["deck"].__setitem__("version", 99))
        self.check(d, f"at /deck/version: made with version 99 of deck 'h2h', but this is "
                      f"version {now}")
        d = self.mutated(lambda d: d["deck"].__setitem__("version", "1"))
        self.check(d, "at /deck/version: expected a deck version")
        d = self.mutated(lambda d: d.__setitem__("schema", "h2h-report/9"))
        self.check(d, "at /schema: not an h2h report")

    def test_duplicate_keys(self):
        text = self.good.read_text().replace('"participants": 3,',
                                             '"participants": 3,\n  "participants": 30,', 1)
        self.check(None, "at /: the key 'participants' is there twice", text=text)
        text = self.good.read_text().replace('"sum_min":', '"sum_min": 1, "sum_min":', 1)
        self.check(None, "at /dilemmas/0: the key 'sum_min' is there twice", text=text)

    def test_broken_json_in_h2hs_words(self):
        good = self.good.read_text()
        line_of = good[:good.index('"participants"')].count("\n") + 1
        text = good.replace('"participants": 3', '"participants": NaN', 1)
        self.check(None, f"bad.json:{line_of}:19: 'NaN' is not a number JSON allows", text=text)
        text = good.replace('"participants": 3', '"participants": 1e400', 1)
        self.check(None, f"bad.json:{line_of}:19: the number 1e400 is too large", text=text)
        raw = good.encode().replace(b'"Red"', b'"R\xffd"', 1)
        self.check(None, "not UTF-8 text", text=raw)
        self.check(None, "the JSON ends in the middle of a value", text=good[:len(good) // 2])
        self.check(None, "bad.json:1:1: not valid JSON here (at 'nonsense')", text="nonsense")
        self.check(None, "de JSON houdt midden in een waarde op", text=good[:99], lang="nl")


class CsvInput(Clean):
    def report(self, content, *args, code=EX_DATA, name="r.csv"):
        path = self.tmp / name
        path.write_bytes(content)
        r = run("report", path, "--format", "json", *args)
        self.assertExit(r, code)
        self.assertClean(r)
        return path, r

    def test_lone_carriage_returns(self):
        path, r = self.report(b"respondent,growth.a,growth.b\rr1,8,3\rr2,1,2\r")
        self.assertIn(f"{path}:1:3: lines end in a carriage return alone", r.stderr)

    def test_utf16(self):
        text = "respondent,growth.a,growth.b\r\nr1,8,3\r\n"
        for data in (b"\xff\xfe" + text.encode("utf-16-le"), text.encode("utf-16-be"),
                     text.encode("utf-16-le")):
            path, r = self.report(data)
            self.assertRegex(r.stderr, rf"^{re.escape(str(path))}(:1:1)?: .*UTF-16 text")
            self.assertIn("UTF-8", r.stderr)
        path, r = self.report(b"\xff\xfe" + '{"respondent": "r1"}\n'.encode("utf-16-le"),
                              name="r.jsonl")
        self.assertRegex(r.stderr, rf"^{re.escape(str(path))}(:1:1)?: .*UTF-16 text")

    def test_empty_files(self):
        path, r = self.report(b"")
        self.assertEqual(r.stderr, f"{path}: the file is empty: no header and no rows\n")
        path, r = self.report(b"\n\n")
        self.assertIn("the file is empty", r.stderr)
        path, r = self.report(b"respondent,growth.a,growth.b\n")
        self.assertEqual(r.stderr, f"{path}: the file has a header but no rows of answers\n")
        path, r = self.report(b"", name="r.jsonl")
        self.assertIn("the file is empty", r.stderr)
        r = run("report", "-", input="")
        self.assertExit(r, EX_DATA)
        self.assertIn("-: the file is empty", r.stderr)

    def test_a_duplicated_column(self):
        path, r = self.report(b"respondent,transparency.a,transparency.b,transparency.a\n"
                              b"r1,8,3,1\n")
        self.assertIn(f"{path}:1:4: column 'transparency.a' is there twice (also column 2",
                      r.stderr)
        path, r = self.report(b"team, team\nA,B\n")  # headers are trimmed
        self.assertIn(":1:2: column ' team' is there twice (also column 1, 'team')", r.stderr)

    def test_a_half_answer(self):
        content = b"respondent,growth.a,growth.b,guidance.a,guidance.b\nr1,8,3,1,1\nr2,5,,2,2\n"
        path, r = self.report(content)
        self.assertEqual(r.stderr, f"{path}:3:2: dilemma 'growth' has an answer for pole a but "
                                   "none for pole b: give both, or neither\n")
        path, r = self.report(content, "--skip-invalid", code=EX_OK)
        self.assertIn("skipped 1 invalid row(s)", r.stderr)
        self.assertIn(":3:2: dilemma 'growth' has an answer for pole a", r.stderr)
        self.assertEqual(json.loads(r.stdout)["participants"], 1)
        path, r = self.report(b'{"respondent": "r1", "growth.b": 4}\n', name="r.jsonl")
        self.assertIn(f"{path}:1:22: dilemma 'growth' has an answer for pole b but none for pole a",
                      r.stderr)

    def test_cell_values_and_headers_are_shown_not_run(self):
        """An escape sequence in a cell or a header reaches the terminal as
        ^[, not as a colour change or a new window title."""
        evil = "\x1b[31mred\x1b]0;owned\x07\x9b"
        content = f"respondent,{evil},growth.a,growth.b\nr1,x,{evil},5\nr2,x,{'9' * 5000},5\n"
        path, r = self.report(content.encode())
        self.assertEqual(r.stderr, f"{path}:2:3: '^[[31mred^[]0;owned^G<U+009B>' is not an "
                                   "integer 0..10 (column 'growth.a')\n")
        path, r = self.report(content.encode(), "--skip-invalid")  # no row left: exit 3
        self.assertEqual(r.stdout, "")
        self.assertIn(f"{path}: every row is invalid (2 skipped), so there is nothing to report",
                      r.stderr)
        self.assertNotIn("\x1b", r.stderr)
        self.assertNotIn("\x07", r.stderr)
        self.assertIn(f"{path}:3:3: '{'9' * 40}...' is not an integer", r.stderr)
        content += "r3,x,5,5\n"
        path, r = self.report(content.encode(), "--skip-invalid", code=EX_OK)
        self.assertIn("ignoring columns that are not h2h's: ^[[31mred^[]0;owned^G<U+009B>\n",
                      r.stderr)
        self.assertIn(f"  {path}:2:3: '^[[31mred^[]0;owned^G<U+009B>' is not", r.stderr)
        self.assertNotIn("\x1b", r.stderr)
        # In a workbook, as Excel writes control characters (_x001B_), shared or inline.
        for inline in (False, True):
            book = self.tmp / "evil.xlsx"
            write_xlsx(book, {"Sheet1": [["respondent", "growth.a", "growth.b"], ["r1", evil, 5]]},
                       inline=inline)
            self.assertIn(b"_x001B_", zipfile.ZipFile(book).read(
                "xl/worksheets/sheet1.xml" if inline else "xl/sharedStrings.xml"))
            r = run("report", book)
            self.assertExit(r, EX_DATA)
            self.assertEqual(r.stderr, f"{book}:Sheet1!B2: '^[[31mred^[]0;owned^G<U+009B>' is not "
                                       "an integer 0..10 (column 'growth.a')\n")

    def test_json_lines_in_h2hs_words(self):
        for line, message in ((b'{"growth.a": NaN, "growth.b": 1}', ":1:14: 'NaN' is not a number"),
                              (b'{"respondent": "r\xff1"}', ":1:18: not UTF-8 text"),
                              (b'{"respondent": "r1", "growth.a": 8', ":1:35: the JSON ends"),
                              (b'{"growth.a": 1e400, "growth.b": 1}', ":1:14: the number 1e400"),
                              (b'{"growth.a": 8,, "growth.b": 1}', ":1:16: not valid JSON here")):
            path, r = self.report(line + b"\n", name="r.jsonl")
            self.assertIn(f"{path}{message}", r.stderr)

    def test_json_lines_records_up_to_the_documented_size(self):
        big = b'{"respondent": "' + b"x" * (2 * 1024 * 1024) + b'", "growth.a": 1, "growth.b": 2}\n'
        self.report(big, name="r.jsonl", code=EX_OK)
        huge = b'{"respondent": "' + b"x" * (4 * 1024 * 1024 + 10) + b'"}\n'
        path, r = self.report(huge, name="r.jsonl")
        self.assertIn(f"{path}:1:1: a record longer than 4194304 bytes", r.stderr)
        man = (SOURCE_DIR / "man" / "h2h.1").read_text()
        self.assertIn("4 MiB", man)


class Groups(Clean):
    def test_groups_are_capped_with_a_clear_message(self):
        path = self.tmp / "teams.csv"
        path.write_text("respondent,team,growth.a,growth.b\n" +
                        "".join(f"r{i},t{i},5,5\n" for i in range(2000)))
        r = run("report", path, "--by", "team", "--format", "csv")
        self.assertExit(r, EX_OK)
        self.assertIn("t1999", r.stdout)
        with open(path, "a") as f:
            f.write("r2000,t2000,5,5\n")
        r = run("report", path, "--by", "team")
        self.assertExit(r, EX_DATA)
        self.assertEqual(r.stderr, f"{path}:2002: more than 2000 groups (with this deck): report "
                                   "without --by, or split the input (see LIMITS in the man page)\n")
        self.assertExit(run("report", path), EX_OK)  # without groups


class Messages(Clean):
    def test_a_deck_nested_too_deep(self):
        deck = self.tmp / "deep.yaml"
        deck.write_text("id: deep\ndilemmas: " + "[" * 200000 + "]" * 200000 + "\n")
        r = run("validate", deck)
        self.assertExit(r, EX_DATA)
        self.assertClean(r)
        self.assertEqual(r.stderr, f"{deck}:2:2011: YAML nesting too deep: more than 2000 levels "
                                   "of lists or maps\n")

    def test_yaml_syntax_errors_in_h2hs_words(self):
        deck = self.tmp / "bad.yaml"
        deck.write_text('id: x\ntitle: "a \\q b"\n')
        r = run("validate", deck)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{deck}:2:", r.stderr)
        self.assertIn("an unknown escape", r.stderr)
        self.assertNotIn("unknown escape character", r.stderr)  # yaml-cpp's words

    def test_a_session_file_too_large(self):
        session = self.tmp / "big.yaml"
        session.write_text("schema: h2h-session/1\n# " + "x" * (33 * 1024 * 1024) + "\n")
        r = run("run", "--resume", session, input="")
        self.assertExit(r, EX_DATA)
        self.assertClean(r)
        self.assertIn(f"{session}: file too large: more than 33554432 bytes", r.stderr)
        # A report streams session files, up to 1 GiB: this one lacks its keys.
        r = run("report", session)
        self.assertExit(r, EX_DATA)
        self.assertClean(r)
        self.assertIn("missing required key", r.stderr)

    def test_a_session_naming_an_unknown_deck(self):
        session = self.tmp / "s.yaml"
        make_session(session)
        s = yaml.safe_load(session.read_text())
        s["deck"]["id"] = "nosuch"
        session.write_text(yaml.safe_dump(s))
        for args in (("report", session), ("run", "--resume", session)):
            r = run(*args, input="")
            self.assertExit(r, EX_USAGE)
            self.assertIn(f"{session}: names deck 'nosuch', which is neither built in nor in ",
                          r.stderr)
            self.assertIn("--deck FILE", r.stderr)
        r = run("--lang", "nl", "report", session)
        self.assertIn(f"{session}: noemt deck 'nosuch'", r.stderr)


if __name__ == "__main__":
    import unittest
    unittest.main()
