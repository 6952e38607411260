"""Batch surveys through the real binary: response files in (CSV as forms
export them, JSON Lines), report JSON merged, import, form."""

import csv
import io
import json
import os
import re
import resource
import subprocess

import yaml

from h2h_e2e import EX_DATA, EX_FAILURE, EX_OK, H2H, H2HTestCase, clean_env, run

HEADER = ["respondent", "team"] + [f"{d}.{p}" for d in
                                   ("transparency", "sustainability", "workload", "growth", "guidance")
                                   for p in ("a", "b")] + ["checkin.autonomy", "checkin.belonging"]


def rows(n, seed=7):
    """n respondents over three teams, deterministic, with some dilemmas
    unanswered (both poles blank: one pole alone is an error)."""
    state = seed
    out = []
    for i in range(n):
        row = [f"r{i}", f"team-{i % 3}"]
        for _ in range(5):
            pair = []
            for _ in range(2):
                state = (state * 1103515245 + 12345) % 2**31
                pair.append("" if state % 23 == 0 else str((state >> 16) % 11))
            row += ["", ""] if "" in pair else pair
        for _ in range(2):
            state = (state * 1103515245 + 12345) % 2**31
            row.append(str((state >> 16) % 5 + 1))
        out.append(row)
    return out


def figures(report):
    """A report's JSON without the list of files it was read from, which
    names the inputs: what ways in to the same answers must agree on."""
    report = dict(report)
    assert isinstance(report.pop("files"), list)
    return report


def write_csv(path, header, data, delimiter=",", bom=False, newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    w.writerow(header)
    w.writerows(data)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode())


class ResponseFiles(H2HTestCase):
    def report_json(self, *args, code=EX_OK):
        r = run("report", *args, "--format", "json")
        self.assertExit(r, code)
        return figures(json.loads(r.stdout)) if code == EX_OK else r

    def test_exports_as_they_come(self):
        data = rows(30)
        plain = self.tmp / "plain.csv"
        write_csv(plain, HEADER, data)
        expected = self.report_json(plain, "--by", "team")
        # BOM, CRLF, ';', an extra timestamp column with quoted ; and newlines, blank cells.
        excel = self.tmp / "excel.csv"
        header = ["Timestamp"] + HEADER + ["E-mail"]
        extra = [[f"2026-01-0{i % 9 + 1} 10:00; \"late\"\nsecond line"] + r + [f"x{i}@example.org"]
                 for i, r in enumerate(data)]
        write_csv(excel, header, extra, delimiter=";", bom=True, newline="\r\n")
        r = run("report", excel, "--by", "team", "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual(figures(json.loads(r.stdout)), expected)
        # The timestamp column dates the answers; the e-mail is ignored.
        self.assertEqual(json.loads(r.stdout)["files"],
                         [{"file": str(excel), "rows": 30, "respondents": 30,
                           "timestamp_column": "Timestamp", "first": "2026-01-01",
                           "last": "2026-01-09"}])
        self.assertIn("ignoring columns that are not h2h's: E-mail\n", r.stderr)
        self.assertEqual(r.stderr.count("ignoring"), 1)
        # Tab-separated, detected; or given.
        tsv = self.tmp / "t.tsv"
        write_csv(tsv, HEADER, data, delimiter="\t")
        self.assertEqual(self.report_json(tsv, "--by", "team"), expected)
        self.assertEqual(self.report_json(tsv, "--by", "team", "--input-delimiter", "tab"), expected)
        self.assertEqual(expected["participants"], 30)
        blanks = sum(1 for r in data for i in range(2, 12, 2) if r[i] == "" or r[i + 1] == "")
        self.assertEqual(expected["answers"], 30 * 5 - blanks)

    def test_a_long_header_with_a_quoted_line_break_finds_its_delimiter(self):
        # The header is longer than the first read, which ends inside its
        # first (quoted, two-line) field: the delimiter is still the tab.
        data = rows(30)
        plain = self.tmp / "plain.tsv"
        write_csv(plain, HEADER, data, delimiter="\t")
        expected = self.report_json(plain, "--by", "team")
        note = "Note\n" + "x" * 300_000
        long = self.tmp / "long.tsv"
        write_csv(long, [note] + HEADER, [["n"] + r for r in data], delimiter="\t")
        self.assertEqual(self.report_json(long, "--by", "team"), expected)
        # Through standard input, which a pipe gives in pieces.
        r = run("report", "-", "--by", "team", "--format", "json", input=long.read_text())
        self.assertExit(r, EX_OK)
        self.assertEqual(figures(json.loads(r.stdout)), expected)

    def test_missing_dilemma_columns_are_unanswered(self):
        path = self.tmp / "some.csv"
        path.write_text("respondent,growth.a,growth.b\nr1,8,3\nr2,,\n")
        data = self.report_json(path)
        by_id = {d["id"]: d for d in data["dilemmas"]}
        self.assertEqual(by_id["growth"]["n"], 1)
        self.assertEqual(by_id["transparency"]["n"], 0)
        self.assertIsNone(by_id["transparency"]["a"]["mean"])
        self.assertEqual(data["participants"], 2)

    def test_bad_values_name_row_column_and_header(self):
        path = self.tmp / "bad.csv"
        path.write_text("respondent,team,growth.a,growth.b\nr1,A,8,3\n\"r\n2\",A,8,x\nr3,A,12,1\n")
        out = self.tmp / "out.json"
        r = run("report", path, "--format", "json", "-o", out)
        self.assertExit(r, EX_DATA)
        self.assertEqual(r.stderr, f"{path}:3:4: 'x' is not an integer 0..10 (column 'growth.b')\n")
        self.assertFalse(out.exists())  # nothing written
        r = run("report", path, "--format", "json", "--skip-invalid")
        self.assertExit(r, EX_OK)
        self.assertEqual(json.loads(r.stdout)["participants"], 1)
        self.assertIn("skipped 2 invalid row(s)", r.stderr)
        self.assertIn(f"{path}:4:3: '12' is not an integer 0..10 (column 'growth.a')", r.stderr)
        path.write_text("respondent,growth.a,checkin.autonomy\nr1,5,6\n")
        r = run("report", path)
        self.assertExit(r, EX_DATA)
        self.assertIn(":2:3: '6' is not a check-in rating 1..5", r.stderr)
        path.write_text("respondent,growth.a\nr1,\"unclosed\n")
        r = run("report", path)
        self.assertExit(r, EX_DATA)
        self.assertIn(":2:2: a quoted field is never closed", r.stderr)

    def test_json_lines_give_the_same_figures(self):
        data = rows(20)
        path = self.tmp / "r.csv"
        write_csv(path, HEADER, data)
        jsonl = self.tmp / "r.jsonl"
        with open(jsonl, "w") as f:
            for row in data:
                obj = {}
                for key, value in zip(HEADER, row):
                    if value == "":
                        continue
                    obj[key] = value if key in ("respondent", "team") else int(value)
                obj["submitted"] = "2026-01-01"
                f.write(json.dumps(obj) + "\n")
        self.assertEqual(self.report_json(jsonl, "--by", "team"),
                         self.report_json(path, "--by", "team"))
        jsonl.write_text('{"respondent": "r1", "growth.a": 8, "growth.b": 1}\n'
                         '{"respondent": "r2", "growth.a": 11, "growth.b": 1}\n')
        r = run("report", jsonl)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{jsonl}:2:22: '11' is not an integer 0..10", r.stderr)
        jsonl.write_text('{"respondent": "r1"\n')
        self.assertExit(run("report", jsonl), EX_DATA)

    def test_json_lines_edge_cases_keep_their_meaning_and_places(self):
        jsonl = self.tmp / "e.jsonl"
        # A repeated key: the last one counts, as in any JSON reader.
        jsonl.write_bytes(b'\xef\xbb\xbf{"growth.a": 8, "growth.b": 4, "growth.a": 3}\r\n'
                          b'{"checkin.autonomy": 2, "checkin.autonomy": 5}\r\n\n')
        report = self.report_json(jsonl)
        growth = next(d for d in report["dilemmas"] if d["id"] == "growth")
        self.assertEqual(growth["n"], 1)
        self.assertEqual(growth["a"]["mean"], 3)
        autonomy = next(n for n in report["needs"] if n["id"] == "autonomy")
        self.assertEqual(autonomy["checkin"]["n"], 1)
        self.assertEqual(autonomy["checkin"]["mean"], 5)
        # Broken JSON is refused even inside a column h2h does not read.
        jsonl.write_text('{"growth.a": 3, "note": [1 2]}\n')
        r = run("report", jsonl)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{jsonl}:1:", r.stderr)
        jsonl.write_text('{"growth.a": 3, "note": "bad \\x escape"}\n')
        self.assertExit(run("report", jsonl), EX_DATA)
        # A number that is not an integer names the column it is in.
        jsonl.write_text('{"respondent": "r1", "growth.b": 2.5}\n')
        r = run("report", jsonl)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{jsonl}:1:22: '2.5' is not an integer 0..10", r.stderr)
        # Not an object, and a line too deep.
        jsonl.write_text('[1, 2]\n')
        self.assertIn(f"{jsonl}:1:1:", run("report", jsonl).stderr)
        jsonl.write_text('{"x": ' + "[" * 600 + "]" * 600 + "}\n")
        r = run("report", jsonl)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{jsonl}:1:", r.stderr)

    def test_header_map_for_question_text_headers(self):
        map_file = self.tmp / "map.yaml"
        r = run("form", "--format", "markdown", "--map-out", map_file, "--lang", "nl")
        self.assertExit(r, EX_OK)
        mapping = yaml.safe_load(map_file.read_text())
        columns = {v: k for k, v in mapping.items()}
        data = rows(12)
        plain = self.tmp / "plain.csv"
        write_csv(plain, HEADER, data)
        export = self.tmp / "export.csv"
        write_csv(export, [columns[h] for h in HEADER[:12]] + ["checkin.autonomy", "checkin.belonging"], data)
        self.assertEqual(self.report_json(export, "--map", map_file, "--by", "team"),
                         self.report_json(plain, "--by", "team"))

    def test_split_and_merge_equals_the_whole(self):
        data = rows(90)
        whole = self.tmp / "whole.csv"
        write_csv(whole, HEADER, data)
        expected = self.report_json(whole, "--by", "team")
        shards = []
        for i in range(3):
            shard = self.tmp / f"s{i}.csv"
            write_csv(shard, HEADER, data[i * 30:(i + 1) * 30])
            out = self.tmp / f"s{i}.json"
            self.assertExit(run("report", shard, "--by", "team", "--format", "json", "-o", out), EX_OK)
            shards.append(out)
        merged = self.report_json(*shards, "--by", "team")
        self.assertEqual(merged, expected)
        # The merged report still says which response files it was made from.
        r = run("report", *shards, "--format", "json")
        self.assertEqual([(f["file"], f["rows"]) for f in json.loads(r.stdout)["files"]],
                         [(str(self.tmp / f"s{i}.csv"), 30) for i in range(3)])
        r = run("report", *shards)
        self.assertIn(f"From: {self.tmp / 's0.csv'} (30 rows, 30 respondents);",
                      " ".join(r.stdout.split()))
        bad = self.tmp / "bad.json"
        report = json.loads(shards[0].read_text())
        report["files"][0]["rows"] = "thirty"
        bad.write_text(json.dumps(report))
        r = run("report", bad)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{bad}: at /files/0/rows:", r.stderr)
        # Merged reports in every other format too.
        self.assertExit(run("report", *shards, "--format", "html", "-o", self.tmp / "m.html"), EX_OK)

    def test_import_then_report_equals_reporting_the_file(self):
        data = rows(25)
        path = self.tmp / "r.csv"
        write_csv(path, HEADER, data)
        expected = self.report_json(path, "--by", "team")
        folder = self.tmp / "sessions"
        r = run("import", path, "--by", "team", "-o", folder)
        self.assertExit(r, EX_OK)
        files = sorted(folder.glob("*.yaml"))
        self.assertEqual([f.name for f in files], ["h2h-team-0.yaml", "h2h-team-1.yaml", "h2h-team-2.yaml"])
        self.assertEqual(oct(os.stat(files[0]).st_mode & 0o777), "0o600")
        self.assertEqual(self.report_json(*files, "--by", "team"), expected)
        one = self.tmp / "all.yaml"
        self.assertExit(run("import", path, "-o", one), EX_OK)
        self.assertEqual(self.report_json(one)["dilemmas"], self.report_json(path)["dilemmas"])
        r = run("import", path, "-o", one)
        self.assertExit(r, 2)  # never overwrites
        # The imported session is a session like any other.
        self.assertEqual(yaml.safe_load(one.read_text())["schema"], "h2h-session/1")

    def test_a_large_import_is_written_as_a_stream_and_reads_back_the_same(self):
        # Enough rows that every list outgrows what is kept in memory and
        # goes through the spool; names and ideas that need quoting.
        data = rows(3000, seed=3)
        for i, row in enumerate(data):
            if i % 7 == 0:
                row[0] = f'Zo\u00eb "{i}" \\ {i}'
            row.append(f'both, "ways"\nnumber {i}' if i % 5 == 0 else "")
        path = self.tmp / "r.csv"
        write_csv(path, HEADER + ["growth.idea"], data)
        expected = self.report_json(path, "--by", "team")
        folder = self.tmp / "sessions"
        r = run("import", path, "--by", "team", "-o", folder)
        self.assertExit(r, EX_OK)
        # Only the session files: nothing of the spool is left in the folder.
        self.assertEqual(sorted(os.listdir(folder)),
                         ["h2h-team-0.yaml", "h2h-team-1.yaml", "h2h-team-2.yaml"])
        self.assertEqual(self.report_json(*sorted(folder.glob("*.yaml")), "--by", "team"), expected)
        one = self.tmp / "all.yaml"
        r = run("import", path, "-o", one)
        self.assertExit(r, EX_OK)
        self.assertIn("3000 participants", r.stdout)
        direct = self.report_json(path)
        for name in ("participants", "answers", "dilemmas", "needs"):
            self.assertEqual(self.report_json(one)[name], direct[name])
        session = yaml.safe_load(one.read_text())
        self.assertEqual(list(session), ["schema", "deck", "language", "mode", "anonymous",
                                         "dilemmas", "checkin_items", "timebox", "started",
                                         "finished", "participants", "checkin", "answers",
                                         "revealed", "notes"])
        self.assertEqual(len(session["participants"]), 3000)
        self.assertEqual(session["participants"][7], {"id": "p8", "name": 'Zo\u00eb "7" \\ 7'})
        self.assertEqual(session["checkin_items"], ["autonomy", "belonging"])
        ideas = {a["participant"]: a["idea"] for a in session["answers"] if "idea" in a}
        self.assertEqual(ideas["p2996"], 'both, "ways"\nnumber 2995')
        # A name and an idea with DEL (0x7F) and other control characters:
        # written escaped, so they read back.
        odd = [list(row) for row in data[:3]]
        odd[0][0], odd[0][-1] = "An\x7fna\x01", "both\x7f\x1b[31m ways"
        src = self.tmp / "del.csv"
        write_csv(src, HEADER + ["growth.idea"], odd)
        out = self.tmp / "del.yaml"
        self.assertExit(run("import", src, "-o", out), EX_OK)
        self.assertExit(run("report", out), EX_OK)
        back = yaml.safe_load(out.read_text())
        self.assertEqual(back["participants"][0]["name"], "An\x7fna\x01")
        self.assertIn("both\x7f\x1b[31m ways", [a.get("idea") for a in back["answers"]])
        # From standard input: the same file, but for the time it was made.
        again = self.tmp / "again.yaml"
        self.assertExit(run("import", "-", "-o", again, input=path.read_text()), EX_OK)
        stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
        self.assertEqual(stamp.sub("T", again.read_text()), stamp.sub("T", one.read_text()))

    def test_an_import_that_cannot_be_written_leaves_the_previous_file(self):
        # A file size limit stands in for a full disk: the spool or the
        # session file outgrows it.
        data = rows(3000, seed=4)
        path = self.tmp / "r.csv"
        write_csv(path, HEADER, data)
        one = self.tmp / "all.yaml"
        one.write_text("keep me\n")
        for limit in (100_000, 900_000):
            def small_files(limit=limit):
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            for args in (("-o", one, "--force"), ("--by", "team", "-o", self.tmp / "teams")):
                r = subprocess.run([H2H, "import", str(path), *map(str, args)], capture_output=True,
                                   text=True, env=clean_env(), preexec_fn=small_files, timeout=60)
                self.assertExit(r, EX_FAILURE)
                self.assertIn("cannot write: File too large (the previous file, if any, is "
                              "unchanged)", r.stderr)
                self.assertEqual(one.read_text(), "keep me\n")
                self.assertEqual([p.name for p in self.tmp.rglob(".*")], [])
                self.assertFalse((self.tmp / "teams").exists())

    def test_three_paths_give_the_same_figures(self):
        # The same rows as CSV, as JSON Lines and as imported session files.
        data = rows(200, seed=11)
        path = self.tmp / "r.csv"
        write_csv(path, HEADER, data)
        jsonl = self.tmp / "r.jsonl"
        with open(jsonl, "w") as f:
            for row in data:
                obj = {k: (v if k in ("respondent", "team") else (int(v) if v else None))
                       for k, v in zip(HEADER, row)}
                f.write(json.dumps(obj) + "\n")
        folder = self.tmp / "sessions"
        self.assertExit(run("import", jsonl, "--by", "team", "-o", folder), EX_OK)
        files = sorted(folder.glob("*.yaml"))
        from_csv = self.report_json(path, "--by", "team")
        from_jsonl = self.report_json(jsonl, "--by", "team")
        from_sessions = self.report_json(*files, "--by", "team")
        self.assertEqual(from_csv, from_jsonl)
        self.assertEqual(from_csv, from_sessions)
        self.assertEqual(from_csv["participants"], 200)
        # Sessions imported from the CSV, one per team and one for all, and
        # the teams' report JSON merged: the same figures again.
        from_csv_folder = self.tmp / "from-csv"
        self.assertExit(run("import", path, "--by", "team", "-o", from_csv_folder), EX_OK)
        self.assertEqual(self.report_json(*sorted(from_csv_folder.glob("*.yaml")), "--by", "team"),
                         from_csv)
        one = self.tmp / "all.yaml"
        self.assertExit(run("import", jsonl, "-o", one), EX_OK)
        for name in ("participants", "answers", "dilemmas", "needs"):
            self.assertEqual(self.report_json(one)[name], self.report_json(path)[name])
        shards = []
        for i, f in enumerate(files):
            shard = self.tmp / f"team{i}.json"
            self.assertExit(run("report", f, "--by", "team", "--format", "json", "-o", shard), EX_OK)
            shards.append(shard)
        self.assertEqual(self.report_json(*shards, "--by", "team"), from_csv)
        # Both response files name the column that holds the teams.
        for f in (path, jsonl):
            r = run("report", f, "--by", "team", "--format", "json")
            self.assertIn("teams from column 'team'", r.stderr)
        # A team column under another name: the same groups from both.
        renamed = [("group" if h == "team" else h) for h in HEADER]
        path2 = self.tmp / "g.csv"
        write_csv(path2, renamed, data)
        jsonl2 = self.tmp / "g.jsonl"
        jsonl2.write_text(jsonl.read_text().replace('"team":', '"group":'))
        self.assertEqual(self.report_json(path2, "--by", "team", "--team-column", "group"), from_csv)
        self.assertEqual(self.report_json(jsonl2, "--by", "team", "--team-column", "group"), from_csv)

    def test_a_large_csv_read_in_two_parts_gives_the_figures_of_one_pass(self):
        # Over 8 MiB, a CSV file is read on two threads, cut at a record's end
        # near its middle. Around the middle, ideas hold quoted line ends,
        # quotes and commas, so the cut must skip line ends inside quotes.
        header = ["Timestamp"] + HEADER + ["transparency.idea"]
        data = rows(180000, seed=5)
        # Dated from the first day of 2026 to the last: the date range spans both parts.
        import datetime
        start = datetime.date(2026, 1, 1)
        data = [[(start + datetime.timedelta(days=i * 365 // 180000)).isoformat() + " 09:00:00"]
                + row for i, row in enumerate(data)]
        middle = range(len(data) * 45 // 100, len(data) * 55 // 100)
        for i, row in enumerate(data):
            idea = ""
            if i in middle:
                row[3:5] = ["9", "8"]  # EN EN: the idea counts
                idea = f'both, "{i}"\n' + "and more\r\n" * 20 + "end"
            row.append(idea)
        path = self.tmp / "big.csv"
        write_csv(path, header, data)
        self.assertGreater(path.stat().st_size, 8 << 20)
        whole = path.read_bytes()
        mid = len(whole) // 2
        self.assertIn(b'"', whole[mid - 300:mid + 300])  # quoted text around the middle
        split = run("report", path, "--by", "team", "--format", "json", timeout=300)
        one_pass = run("report", "-", "--by", "team", "--format", "json", timeout=300,
                       input=whole.decode())  # standard input: never cut
        self.assertExit(split, EX_OK)
        self.assertExit(one_pass, EX_OK)
        parts, once = json.loads(split.stdout), json.loads(one_pass.stdout)
        # The file is named by its path in one and "-" in the other; all else is equal.
        for f in parts["files"] + once["files"]:
            f.pop("file")
        self.assertEqual(parts, once)
        self.assertEqual(parts["participants"], 180000)
        self.assertEqual((parts["files"][0]["rows"], parts["files"][0]["respondents"]),
                         (180000, 180000))
        self.assertEqual((parts["files"][0]["first"], parts["files"][0]["last"]),
                         ("2026-01-01", "2026-12-31"))
        # A bad value late in the file: the same row and column as one pass.
        lines = whole.split(b"\n")
        fields = lines[-20].split(b",")
        fields[3] = b"99"
        lines[-20] = b",".join(fields)
        path.write_bytes(b"\n".join(lines))
        split = run("report", path, timeout=300)
        one_pass = run("report", "-", timeout=300, input=path.read_text())
        self.assertExit(split, EX_DATA)
        self.assertExit(one_pass, EX_DATA)
        self.assertEqual(split.stderr.replace(str(path), "-"), one_pass.stderr)
        self.assertRegex(split.stderr, r"big\.csv:\d+:\d+: ")
        # With --skip-invalid the first reasons keep their rows too.
        split = run("report", path, "--skip-invalid", "--format", "json", timeout=300)
        one_pass = run("report", "-", "--skip-invalid", "--format", "json", timeout=300,
                       input=path.read_text())
        self.assertExit(split, EX_OK)
        parts, once = json.loads(split.stdout), json.loads(one_pass.stdout)
        for f in parts["files"] + once["files"]:
            f.pop("file")
        self.assertEqual(parts, once)
        self.assertEqual(split.stderr.replace(str(path), "-"), one_pass.stderr)

    def test_a_session_file_holds_more_than_ten_thousand_respondents(self):
        path = self.tmp / "big.csv"
        path.write_text("respondent,team,growth.a,growth.b\n" +
                        "".join(f"r{i},t,{i % 11},{(i * 7) % 11}\n" for i in range(10001)))
        one = self.tmp / "big.yaml"
        r = run("import", path, "-o", one)
        self.assertExit(r, EX_OK)
        self.assertIn("10001 participants", r.stdout)
        self.assertEqual(self.report_json(one)["dilemmas"], self.report_json(path)["dilemmas"])

    def test_form_csv_read_back_once_filled(self):
        r = run("form", "--deck", "customer")
        self.assertExit(r, EX_OK)
        self.assertTrue(r.stdout.startswith("\ufeffrespondent,team,self-service.a"))
        filled = self.tmp / "filled.csv"
        header = r.stdout.lstrip("\ufeff").strip()
        width = len(header.split(","))
        lines = [header, ",".join(["ann", "ops"] + ["7"] * (width - 2 - 6) + ["4"] * 6),
                 ",".join(["bob", "ops"] + ["3"] * (width - 2 - 6) + ["2"] * 6)]
        filled.write_text("\n".join(lines) + "\n")
        data = self.report_json(filled, "--deck", "customer")
        self.assertEqual(data["participants"], 2)
        self.assertEqual(data["dilemmas"][0]["n"], 2)
        self.assertEqual(data["needs"][0]["checkin"]["n"], 4)  # two items per need, two people
        for fmt in ("markdown", "html"):
            out = self.tmp / f"form.{fmt}"
            self.assertExit(run("form", "--format", fmt, "-o", out), EX_OK)
            self.assertIn("(0-10)", out.read_text())


if __name__ == "__main__":
    import unittest
    unittest.main()
