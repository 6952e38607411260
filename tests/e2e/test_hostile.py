"""Hostile and broken input: it never reaches the terminal raw, never breaks
an export, never crashes h2h, and never loses recorded answers."""

import json
import os
import re
import subprocess

import yaml

from h2h_e2e import EX_DATA, EX_FAILURE, EX_OK, EX_USAGE, H2H, H2HTestCase, clean_env, run

# C0 controls but newline and tab, DEL, and the C1 controls (as UTF-8).
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f]")

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x08\r\u009b31m"


class TerminalSafety(H2HTestCase):
    def hostile_session(self):
        path = self.tmp / "hostile.yaml"
        r = run("run", "--participants", "Ann,Bob", "--dilemmas", "growth,guidance", "-o", path,
                input="8 8\nidea\n2 2\n1 1\n3 3\n")
        self.assertExit(r, EX_OK)
        s = yaml.safe_load(path.read_text())
        s["team"] = "Team " + HOSTILE
        s["participants"][0]["name"] = "Ann" + HOSTILE
        s["answers"][0]["idea"] = "both " + HOSTILE
        s["notes"] = [{"dilemma": "growth", "text": "note " + HOSTILE, "time": "t"}]
        path.write_text(yaml.safe_dump(s, allow_unicode=True))
        return path

    def test_report_shows_no_raw_control_characters(self):
        path = self.hostile_session()
        for fmt in ("text", "markdown", "html"):
            r = run("report", path, "--by", "team", "--format", fmt)
            self.assertExit(r, EX_OK)
            self.assertIsNone(RAW_CONTROLS.search(r.stdout), f"{fmt}: {r.stdout!r}"[:400])
            self.assertIn("owned", r.stdout)  # shown, made harmless
        self.assertIn("^[]0;owned^G", run("report", path).stdout)
        data = json.loads(run("report", path, "--by", "team", "--format", "json").stdout)
        self.assertEqual(data["groups"][0]["name"], "Team " + HOSTILE)  # escaped by the JSON writer

    def test_resume_shows_no_raw_control_characters(self):
        path = self.hostile_session()
        r = run("run", "--resume", path, input="")
        self.assertExit(r, EX_OK)
        self.assertIsNone(RAW_CONTROLS.search(r.stdout + r.stderr))

    def test_names_with_control_characters_are_refused(self):
        r = run("run", "--participants", "Ann\x1b[2J,Bob", "-o", self.tmp / "x.yaml", input="")
        self.assertExit(r, EX_USAGE)
        self.assertFalse((self.tmp / "x.yaml").exists())

    def test_response_files_with_hostile_and_invalid_text(self):
        path = self.tmp / "r.csv"
        path.write_bytes(b"respondent,team,growth.a,growth.b\n"
                         b"r1,=cmd|' /C calc'!A0,8,3\n"
                         b"r2,\x1b[2J\x07,5,5\n"
                         b"r3,\xff\xfe bad,1,9\n")
        for fmt in ("text", "markdown", "html", "csv"):
            r = subprocess.run([H2H, "report", str(path), "--by", "team", "--format", fmt],
                               capture_output=True, env=clean_env())
            self.assertEqual(r.returncode, EX_OK, r.stderr)
            out = r.stdout.decode("utf-8")  # valid UTF-8 whatever came in
            self.assertIsNone(RAW_CONTROLS.search(out.replace("\r\n", "\n")), fmt)
        out = self.tmp / "r.out.csv"
        run("report", path, "--by", "team", "--format", "csv", "-o", out)
        self.assertIn("'=cmd|", out.read_text(encoding="utf-8-sig"))
        r = subprocess.run([H2H, "report", str(path), "--by", "team", "--format", "json"],
                           capture_output=True, env=clean_env())
        json.loads(r.stdout.decode("utf-8"))
        r = subprocess.run(["python3", "-m", "json.tool"], input=r.stdout, capture_output=True)
        self.assertEqual(r.returncode, 0, r.stderr)


class Files(H2HTestCase):
    def test_a_failed_write_keeps_the_answers_and_the_previous_file(self):
        out = self.tmp / "full.yaml"
        # A file size limit stands in for a full disk: writes over 1 KiB fail.
        script = f'ulimit -f 1; exec "{H2H}" run --participants A1,B1 -o "{out}"'
        answers = "".join(f"{i % 11} {(i * 3) % 5}\n" for i in range(10))
        r = subprocess.run(["bash", "-c", script], input=answers, capture_output=True, text=True,
                           env=clean_env())
        self.assertEqual(r.returncode, EX_FAILURE, r.stderr)
        self.assertIn("cannot write", r.stderr)
        self.assertIn("the previous file, if any, is unchanged", r.stderr)
        # The previous version is intact and loads; the dump holds every answer.
        saved = yaml.safe_load(out.read_text())
        self.assertLess(len(saved["answers"]), 10)
        dump = r.stderr[r.stderr.index("schema: h2h-session/1"):]
        dumped = yaml.safe_load("schema: h2h-session/1" + dump[len("schema: h2h-session/1"):])
        self.assertEqual(len(dumped["answers"]), 10)
        self.assertEqual(list(self.tmp.glob(".*.tmp")), [])
        self.assertExit(run("run", "--resume", out, "--no-input", input=""), EX_FAILURE)

    def test_a_symlink_at_the_output_is_never_followed(self):
        target = self.tmp / "target.txt"
        target.write_text("keep me\n")
        link = self.tmp / "link.yaml"
        link.symlink_to(target)
        r = run("run", "--solo", "--dilemmas", "growth", "-o", link, input="8 3\n")
        self.assertExit(r, EX_USAGE)
        r = run("run", "--solo", "--dilemmas", "growth", "-o", link, "--force", input="8 3\n")
        self.assertExit(r, EX_OK)
        self.assertEqual(target.read_text(), "keep me\n")
        self.assertFalse(link.is_symlink())  # replaced by the session file itself
        self.assertEqual(oct(os.stat(link).st_mode & 0o777), "0o600")

    def test_oversized_inputs_are_refused_with_a_clear_error(self):
        big = self.tmp / "big.csv"
        big.write_text("respondent,team,growth.a\nr1,\"" + "x" * (5 * 1024 * 1024) + "\"\n")
        r = run("report", big)
        self.assertExit(r, EX_DATA)
        self.assertIn(":2:1: a record longer than", r.stderr)
        session = self.tmp / "big.yaml"
        session.write_text("schema: h2h-session/1\n# " + "x" * (33 * 1024 * 1024) + "\n")
        r = run("run", "--resume", session, input="")
        self.assertExit(r, EX_DATA)
        self.assertIn("too large", r.stderr)
        deep = self.tmp / "deep.yaml"
        deep.write_text("schema: " + "[" * 5000 + "]" * 5000 + "\n")
        r = run("report", deep)
        self.assertExit(r, EX_DATA)
        self.assertIn("nesting too deep", r.stderr)
