"""h2h report through the real binary: figures computed by hand, every
format, escaping, groupings."""

import csv
import io
import json
import math

from h2h_e2e import DATA, EX_DATA, EX_OK, EX_USAGE, H2HTestCase, run, xmllint_html_problems

DECK = DATA / "report" / "deck.yaml"


def sd(xs):
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


class Reports(H2HTestCase):
    def setUp(self):
        super().setUp()
        # Team Red: check-in, three answers each, an idea, a skip, a note.
        self.red = self.tmp / "red.yaml"
        lines = ["5", "3", "4", "2", "skip", "1",
                 "8 3", "10 2", "9 9", "co-op <script>alert(1)</script>",
                 "note =SUM(A1) & <b>bold</b>", "5 5", "skip", "5 5"]
        r = run("run", "--participants", "Ann,Bob,Cas", "--team", "Red", "--deck", DECK,
                "--checkin", "-o", self.red, input="\n".join(lines) + "\n")
        self.assertExit(r, EX_OK)
        # Team Blue: one participant.
        self.blue = self.tmp / "blue.yaml"
        r = run("run", "--participants", "Dee", "--team", "=HYPERLINK(\"x\")", "--deck", DECK,
                "--checkin", "-o", self.blue, input="1\n1\n2 2\n0 10\n")
        self.assertExit(r, EX_OK)

    def report(self, *args, code=EX_OK):
        r = run("report", self.red, self.blue, "--deck", DECK, *args)
        self.assertExit(r, code)
        return r

    def test_figures_by_hand(self):
        data = json.loads(self.report("--format", "json").stdout)
        self.assertEqual(data["schema"], "h2h-report/1")
        self.assertEqual(data["deck"], {"id": "report-test", "version": 1})
        self.assertEqual(data["participants"], 4)
        self.assertEqual(data["answers"], 7)
        d1, d2 = data["dilemmas"]
        self.assertEqual(d1["id"], "d1")
        self.assertEqual(d1["n"], 4)
        a, b = [8, 10, 9, 2], [3, 2, 9, 2]
        self.assertAlmostEqual(d1["a"]["mean"], 7.25)
        self.assertAlmostEqual(d1["a"]["sd"], sd(a))
        self.assertAlmostEqual(d1["b"]["mean"], 4.0)
        self.assertAlmostEqual(d1["b"]["sd"], sd(b))
        self.assertAlmostEqual(d1["spread"], (sd(a) + sd(b)) / 2)
        self.assertAlmostEqual(d1["enen"], 4.0)  # min: 3, 2, 9, 2 (a 10/2 counts 2)
        self.assertEqual(d1["classes"], {"en-en": 1, "a": 2, "b": 0, "compromise": 0,
                                         "neither": 1, "mixed": 0})
        self.assertEqual(d1["a"]["sum"], 29)
        self.assertEqual(d1["a"]["sumsq"], 249)
        self.assertEqual(d1["grid"][10][2], 1)
        # d2: Bob skipped; all-equal answers in Red.
        self.assertEqual(d2["n"], 3)
        self.assertAlmostEqual(d2["a"]["mean"], 10 / 3)
        self.assertAlmostEqual(d2["enen"], 10 / 3)
        self.assertEqual(d2["classes"]["compromise"], 2)
        self.assertEqual(d2["classes"]["b"], 1)
        needs = {n["id"]: n for n in data["needs"]}
        # autonomy: (2 x 29 + 1 x 10 + 3 x 20) / (4 x 10 x 2 + 3 x 10 x 4) = 128 / 200
        self.assertAlmostEqual(needs["autonomy"]["score"], 64.0)
        self.assertEqual((needs["autonomy"]["numerator"], needs["autonomy"]["denominator"]),
                         (128, 200))
        # belonging: (3 x 16 + 1 x 10) / (4 x 30 + 3 x 10) = 58 / 150
        self.assertAlmostEqual(needs["belonging"]["score"], 100 * 58 / 150)
        self.assertIsNone(needs["unused"]["score"])  # zero weight everywhere
        self.assertIsNone(needs["unused"]["checkin"])
        # check-in: autonomy 5, 4, (skipped), 1; belonging 3, 2, 1, 1
        self.assertEqual(needs["autonomy"]["checkin"]["n"], 3)
        self.assertAlmostEqual(needs["autonomy"]["checkin"]["mean"], 10 / 3)
        self.assertAlmostEqual(needs["autonomy"]["checkin"]["score"], 100 * (10 / 3 - 1) / 4)
        self.assertAlmostEqual(needs["belonging"]["checkin"]["score"], 18.75)
        self.assertNotIn("groups", data)

    def test_by_team_n_equals_one_and_all_equal(self):
        data = json.loads(self.report("--format", "json", "--by", "team").stdout)
        groups = {g["name"]: g for g in data["groups"]}
        self.assertEqual(set(groups), {"Red", "=HYPERLINK(\"x\")"})
        blue = groups["=HYPERLINK(\"x\")"]
        self.assertEqual(blue["participants"], 1)
        self.assertEqual(blue["dilemmas"][0]["n"], 1)
        self.assertIsNone(blue["dilemmas"][0]["a"]["sd"])  # n = 1
        self.assertIsNone(blue["dilemmas"][0]["spread"])
        red = groups["Red"]
        self.assertEqual(red["dilemmas"][1]["a"]["sd"], 0)  # 5, 5
        self.assertEqual(red["dilemmas"][1]["spread"], 0)
        self.assertEqual(data["participants"], 4)  # the totals stay beside the groups

    def test_by_session_in_time_order(self):
        import re
        for path, when in ((self.red, "2026-01-05T09:00:00Z"), (self.blue, "2026-03-02T09:00:00Z")):
            path.write_text(re.sub(r"started: \S+", f"started: {when}", path.read_text()))
        r = run("report", self.blue, self.red, "--deck", DECK, "--by", "session",
                "--format", "json")
        self.assertExit(r, EX_OK)
        names = [g["name"] for g in json.loads(r.stdout)["groups"]]
        self.assertEqual(len(names), 2)
        self.assertEqual(names, ["Red, 2026-01-05 09:00", "=HYPERLINK(\"x\"), 2026-03-02 09:00"])

    def test_text_reflection(self):
        r = self.report("--by", "team")
        out = r.stdout
        for part in ("EN EN reflection: Test deck", "Who:", "1. First", "What stands out",
                     "furthest apart", "The ABC profile", "Autonomy", "[", "co-op",
                     "Pattern: one pole leads", "not a validated instrument", "Teams side by side",
                     "How both, one?"):
            self.assertIn(part, out)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)
        self.assertNotIn("\x1b", out)

    def test_dutch_reflection(self):
        out = self.report("--lang", "nl").stdout
        self.assertIn("Eerste", out)
        self.assertIn("Wat opvalt", out)
        self.assertIn("Gemiddelde A 7,2", out)  # Dutch decimals with a comma

    def test_markdown_is_byte_stable(self):
        first = self.report("--format", "markdown", "--by", "team").stdout
        second = self.report("--format", "markdown", "--by", "team").stdout
        self.assertEqual(first, second)
        self.assertTrue(first.startswith("# EN EN reflection"))
        self.assertIn("```text", first)
        self.assertIn("\\<script\\>", first)
        self.assertNotIn("<script>", first)

    def csv_text(self, *args):
        out = self.tmp / "r.csv"
        self.report("--format", "csv", "--by", "team", "-o", out, *args)
        return out.read_bytes().decode()

    def test_csv(self):
        raw = self.csv_text()
        self.assertTrue(raw.startswith("\ufeff"))
        self.assertIn("\r\n", raw)
        self.assertNotIn("\n", raw.replace("\r\n", ""))
        rows = list(csv.reader(io.StringIO(raw[1:], newline="")))
        self.assertEqual(rows[0][:4], ["group", "kind", "id", "n"])
        self.assertEqual(len({len(r) for r in rows}), 1)
        groups = {r[0] for r in rows[1:]}
        self.assertIn("'=HYPERLINK(\"x\")", groups)  # formula escaped
        d1 = next(r for r in rows if r[0] == "Red" and r[2] == "d1")
        self.assertEqual(d1[1], "dilemma")
        self.assertEqual(d1[3], "3")
        raw = self.csv_text("--no-formula-escape", "--delimiter", ";")
        rows = list(csv.reader(io.StringIO(raw[1:], newline=""), delimiter=";"))
        self.assertIn("=HYPERLINK(\"x\")", {r[0] for r in rows[1:]})
        d1 = next(r for r in rows if r[0] == "Red" and r[2] == "d1")
        self.assertEqual(d1[4], "9")       # mean a of 8, 10, 9
        self.assertEqual(d1[5], "1")       # sd of 8, 10, 9
        self.assertEqual(d1[6], "4,67")    # mean b of 14/3, rounded, with a decimal comma

    def test_csv_figures_are_rounded(self):
        """Two decimals, no floating-point noise (45, not 44,99999999999999);
        JSON keeps the full figure."""
        path = self.tmp / "noise.csv"
        # Scores whose exact value is a decimal that binary floating point misses.
        path.write_text("respondent,growth.a,growth.b,workload.a,workload.b\n"
                        "r1,9,0,1,3\nr2,0,0,0,7\nr3,10,1,2,2\n")
        for delimiter in (",", ";"):
            r = run("report", path, "--format", "csv", "--delimiter", delimiter)
            self.assertExit(r, EX_OK)
            rows = list(csv.reader(io.StringIO(r.stdout[1:], newline=""), delimiter=delimiter))
            for row in rows[1:]:
                for cell in row[4:8] + row[14:17] + row[18:20]:
                    if cell:
                        whole, _, decimals = cell.replace(",", ".").partition(".")
                        self.assertLessEqual(len(decimals), 2, (row, cell))
                        float(whole + "." + (decimals or "0"))
        data = json.loads(run("report", path, "--format", "json").stdout)
        growth = {d["id"]: d for d in data["dilemmas"]}["growth"]
        self.assertAlmostEqual(growth["a"]["mean"], 19 / 3, places=12)
        r = run("report", path, "--format", "csv")
        row = next(r for r in csv.reader(io.StringIO(r.stdout[1:], newline="")) if r[2] == "growth")
        self.assertEqual(row[4], "6.33")

    def test_html_is_self_contained_and_escaped(self):
        out = self.tmp / "r.html"
        self.report("--format", "html", "--by", "team", "-o", out)
        html = out.read_text()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertNotIn("<script", html.lower())
        self.assertIn("&lt;script&gt;", html)
        self.assertIn("<svg", html)
        for ref in ("src=", "href=", "@import", "url("):
            self.assertNotIn(ref, html)
        problems = xmllint_html_problems(out)
        if problems is not None:
            self.assertEqual(problems, [])

    def test_output_file_and_every_format(self):
        for fmt in ("text", "markdown", "json", "csv", "html"):
            out = self.tmp / f"report.{fmt}"
            r = self.report("--format", fmt, "-o", out)
            self.assertEqual(r.stdout, "")
            self.assertGreater(out.stat().st_size, 200)

    def test_other_deck_is_refused(self):
        other = self.tmp / "other.yaml"
        run("run", "--solo", "--dilemmas", "growth", "-o", other, input="8 3\n")
        r = run("report", self.red, other, "--deck", DECK)
        self.assertExit(r, EX_DATA)
        self.assertIn("a report covers one deck", r.stderr)
        r = run("report")
        self.assertExit(r, EX_USAGE)
        r = run("report", self.red, "--format", "pdf")
        self.assertExit(r, EX_USAGE)

    def test_version_change_warns(self):
        deck2 = self.tmp / "deck2.yaml"
        deck2.write_text(DECK.read_text().replace("version: 1", "version: 2"))
        r = run("report", self.red, "--deck", deck2, "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertIn("warning: the session used deck version 1", r.stderr)
        self.assertEqual(json.loads(r.stdout)["deck"]["version"], 2)

    def test_sessions_of_the_built_in_deck_before_its_update(self):
        # A session file written with the built-in h2h deck, version 1.
        old = self.tmp / "old.yaml"
        old.write_bytes((DATA / "report" / "h2h-v1-session.yaml").read_bytes())
        before = old.read_bytes()
        r = run("run", "--resume", old, input="")
        self.assertExit(r, EX_DATA)
        self.assertIn("deck 'h2h' changed since this session started", r.stderr)
        self.assertEqual(old.read_bytes(), before)
        r = run("report", old, "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertIn("the session used deck version 1; reporting with version 2", r.stderr)
        data = json.loads(r.stdout)
        self.assertEqual(data["deck"], {"id": "h2h", "version": 2})
        self.assertEqual(data["answers"], 3)


if __name__ == "__main__":
    import unittest
    unittest.main()
