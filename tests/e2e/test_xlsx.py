"""Workbooks (.xlsx) through the real binary: the same figures as the CSV of
the same data, Microsoft Forms exports with their own columns and question
texts, places as FILE:SHEET!CELL, and hostile workbooks."""

import csv
import html
import json
import re
import zipfile

import yaml

from h2h_e2e import EX_DATA, EX_OK, H2HTestCase, run
from test_batch import HEADER, figures, rows, write_csv
from xlsx_maker import MAIN, excel_serial, write_xlsx

FORMS_OWN = ["ID", "Start time", "Completion time", "Email", "Name"]


def as_cells(data):
    """CSV rows as a spreadsheet holds them: numbers as numbers, blanks empty."""
    return [[int(v) if v.isdigit() else (v or None) for v in r] for r in data]


class Workbooks(H2HTestCase):
    def report(self, *args, fmt="json", code=EX_OK):
        r = run("report", *args, "--format", fmt)
        self.assertExit(r, code)
        return r

    def test_same_figures_as_csv(self):
        data = rows(60)
        csv_path = self.tmp / "same.csv"
        write_csv(csv_path, HEADER, data)
        shared = self.tmp / "shared.xlsx"
        write_xlsx(shared, {"Sheet1": [HEADER] + as_cells(data)})
        inline = self.tmp / "inline.xlsx"
        write_xlsx(inline, {"Sheet1": [HEADER] + as_cells(data)}, inline=True)
        for fmt in ("json", "csv", "text"):
            expected = self.report(csv_path, "--by", "team", fmt=fmt).stdout
            for book in (shared, inline):
                got = self.report(book, "--by", "team", fmt=fmt).stdout
                self.assertEqual(got.replace(str(book), "FILE"), expected.replace(str(csv_path), "FILE"),
                                 f"{book.name} as {fmt}")
        self.assertEqual(json.loads(self.report(shared).stdout)["participants"], 60)

    def test_microsoft_forms_export(self):
        """As Forms writes it: its own columns first, question texts as
        headers, times as date-styled serial numbers, ratings as numbers."""
        map_path = self.tmp / "map.yaml"
        self.assertExit(run("form", "--map-out", map_path), EX_OK)
        questions = {v: k for k, v in yaml.safe_load(map_path.read_text()).items()}
        data = rows(25)
        header = FORMS_OWN + [questions.get(h, h) for h in HEADER]
        book_rows = [header]
        for i, r in enumerate(data):
            start = excel_serial(2026, 3, 2 + i % 5, 9, i % 60)
            book_rows.append([i + 1, start, start + 0.004, "anonymous", None] + as_cells([r])[0])
        book = self.tmp / "Forms export.xlsx"
        write_xlsx(book, {"Sheet1": book_rows}, date_columns=(2, 3))
        csv_path = self.tmp / "plain.csv"
        write_csv(csv_path, HEADER, data)
        expected = figures(json.loads(self.report(csv_path, "--by", "team").stdout))
        r = self.report(book, "--map", map_path, "--by", "team")
        self.assertEqual(figures(json.loads(r.stdout)), expected)
        self.assertIn("ignoring columns that are not h2h's: ID, Start time, Email, Name\n", r.stderr)
        # The completion times (date serial numbers) date the answers.
        self.assertEqual(json.loads(r.stdout)["files"],
                         [{"file": str(book), "rows": 25, "respondents": 25,
                           "timestamp_column": "Completion time", "first": "2026-03-02",
                           "last": "2026-03-06"}])
        r = self.report(book, "--map", map_path, fmt="text")
        self.assertIn(f"From: {book} (25 rows, 25 respondents). When: 2026-03-02 to 2026-03-06 "
                      "(column 'Completion time').", " ".join(r.stdout.split()))
        # import reads it too: one session file per team, every respondent in it.
        out = self.tmp / "sessions"
        r = run("import", book, "--map", map_path, "--by", "team", "-o", out)
        self.assertExit(r, EX_OK)
        sessions = sorted(out.glob("*.yaml"))
        self.assertEqual(len(sessions), 3)
        merged = json.loads(self.report(*sessions).stdout)
        self.assertEqual(merged["participants"], 25)
        self.assertEqual(merged["dilemmas"], expected["dilemmas"])

    def test_form_map_reads_a_workbook_as_it_reads_the_csv(self):
        """The map h2h form --map-out writes, on a workbook whose headers are
        its question texts (on a second sheet, with the whitespace forms and
        spreadsheets vary: a line break, a no-break space, a trailing space),
        gives the figures of the CSV export and of the plain CSV."""
        for lang in ("en", "nl"):
            with self.subTest(lang):
                map_path = self.tmp / f"map-{lang}.yaml"
                self.assertExit(run("--lang", lang, "form", "--map-out", map_path), EX_OK)
                questions = {v: k for k, v in yaml.safe_load(map_path.read_text()).items()}
                varied = {}
                for n, (column, text) in enumerate(questions.items()):
                    if n % 3 == 0:
                        text = text.replace(": ", ":\n", 1)
                    elif n % 3 == 1:
                        text = text.replace(" ", "\u00a0", 1) + " "
                    varied[column] = text
                data = rows(40)
                header = ["ID", "Completion time"] + [varied.get(h, h) for h in HEADER]
                cells = [[i + 1, excel_serial(2026, 4, 1 + i % 7, 9)] + r
                         for i, r in enumerate(as_cells(data))]
                book = self.tmp / f"forms-{lang}.xlsx"
                write_xlsx(book, {"Info": [["exported by Forms"]], "Form1": [header] + cells},
                           date_columns=(2,))
                export = self.tmp / f"forms-{lang}.csv"
                write_csv(export, header, [[str(i + 1), "2026-04-01 09:00"] + r
                                           for i, r in enumerate(data)])
                plain = self.tmp / "plain.csv"
                write_csv(plain, HEADER, data)
                expected = figures(json.loads(self.report(plain, "--by", "team").stdout))
                for source, extra in ((export, ()), (book, ("--sheet", "Form1"))):
                    r = self.report(source, "--map", map_path, "--by", "team", *extra)
                    self.assertEqual(figures(json.loads(r.stdout)), expected, source.name)
                    self.assertIn("ignoring columns that are not h2h's: ID\n", r.stderr)
                # Without --sheet, the first sheet has no answers: said so, with the sheet.
                r = self.report(book, "--map", map_path, code=EX_DATA)
                self.assertIn(f"{book}:Info!1: no column holds a dilemma's answers", r.stderr)
                # import with the same map and sheet: the same figures from the sessions.
                out = self.tmp / f"sessions-{lang}"
                self.assertExit(run("import", book, "--sheet", "Form1", "--map", map_path,
                                    "--by", "team", "-o", out), EX_OK)
                merged = figures(json.loads(self.report(*sorted(out.glob("*.yaml"))).stdout))
                self.assertEqual(merged["dilemmas"], expected["dilemmas"])

    def test_a_map_with_one_header_twice_apart_from_spaces(self):
        map_path = self.tmp / "map.yaml"
        map_path.write_text('"Growth A": growth.a\n"Growth  A ": growth.b\n')
        path = self.tmp / "r.csv"
        write_csv(path, ["Growth A"], [["5"]])
        r = run("report", path, "--map", map_path)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{map_path}:2:1: header \"Growth A\" is in the map twice (apart from spaces), "
                      "as growth.a and as growth.b: keep one", r.stderr)

    def test_error_names_sheet_and_cell(self):
        header = ["respondent", "team", "transparency.a", "transparency.b"]
        data = [[f"r{i}", "Sales", 5, 5] for i in range(2, 14)] + [["r14", "Sales", 4, 11]]
        book = self.tmp / "export.xlsx"
        write_xlsx(book, {"Sheet1": [header] + data})
        r = self.report(book, code=EX_DATA)
        self.assertEqual(r.stderr.strip(),
                         f"{book}:Sheet1!D14: '11' is not an integer 0..10 (column 'transparency.b')")
        # --skip-invalid goes on, naming the cell.
        r = self.report(book, "--skip-invalid")
        self.assertIn(f"{book}:Sheet1!D14:", r.stderr)
        self.assertEqual(json.loads(r.stdout)["participants"], 12)
        # In Dutch, a sheet name with a space is quoted as in a formula.
        spaced = self.tmp / "blad.xlsx"
        write_xlsx(spaced, {"Blad 1": [header] + data})
        r = run("--lang", "nl", "report", spaced)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{spaced}:'Blad 1'!D14: '11' is geen geheel getal van 0 tot en met 10", r.stderr)

    def test_sheet_option(self):
        header = ["respondent", "growth.a", "growth.b"]
        book = self.tmp / "two.xlsx"
        write_xlsx(book, {"Notes": [["just notes"]], "Answers": [header, ["r1", 8, 2], ["r2", 6, 4]]})
        r = self.report(book, code=EX_DATA)  # the first sheet has no answers: said so
        self.assertIn(f"{book}:Notes!1: no column holds a dilemma's answers", r.stderr)
        data = json.loads(self.report(book, "--sheet", "Answers").stdout)
        growth = {d["id"]: d for d in data["dilemmas"]}["growth"]
        self.assertEqual((growth["n"], growth["a"]["mean"], growth["b"]["mean"]), (2, 7, 3))
        r = self.report(book, "--sheet", "Antwoorden", code=EX_DATA)
        self.assertIn("the workbook has no sheet 'Antwoorden' (it has: 'Notes', 'Answers')", r.stderr)

    def test_strings_empty_cells_and_odd_layouts(self):
        """Rich text runs, phonetic runs, cells without r, rows without r,
        formulas with cached values and an absurd dimension."""
        sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
                 '<dimension ref="A1:XFD1048576"/><sheetData>'
                 '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>growth</t></r><r><t>.a</t></r></is></c>'
                 '<c t="str"><f>"growth.b"</f><v>growth.b</v></c></row>'
                 '<row><c><v>1</v></c><c t="s"><v>2</v></c><c><f>4+4</f><v>8</v></c><c r="D2"><v>2</v></c></row>'
                 '<row r="7"><c r="A7"><v>2</v></c><c r="B7" t="s"><v>2</v></c><c r="C7"><v>5</v></c><c r="D7" t="s"><v>3</v></c></row>'
                 '</sheetData></worksheet>')
        strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
                   '<si><t>respondent</t></si><si><r><t>te</t></r><r><rPr><b/></rPr><t>am</t></r><rPh><t>x</t></rPh></si>'
                   '<si><t>Sales</t></si><si><t xml:space="preserve"> 4 </t></si></sst>')
        book = self.tmp / "odd.xlsx"
        write_xlsx(book, {"Sheet1": [["x"]]},
                   extra_parts={"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings})
        data = json.loads(self.report(book, "--by", "team").stdout)
        growth = {d["id"]: d for d in data["dilemmas"]}["growth"]
        self.assertEqual(growth["n"], 2)  # row 7: 5 and " 4 " (a shared string, spaces kept)
        self.assertEqual(growth["b"]["sum"], 2 + 4)
        self.assertEqual([g["name"] for g in data["groups"]], ["Sales"])
        self.assertEqual(data["participants"], 2)


class HostileWorkbooks(H2HTestCase):
    def check_refused(self, book, *needles):
        r = run("report", book)
        self.assertExit(r, EX_DATA)
        self.assertEqual(r.stdout, "")
        for needle in needles:
            self.assertIn(needle, r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        return r

    def test_not_a_zip(self):
        book = self.tmp / "export.xlsx"
        book.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
        self.check_refused(book, f"{book}: not a readable workbook", "CSV UTF-8")

    def test_zip_bomb_is_refused_before_unpacking(self):
        book = self.tmp / "bomb.xlsx"
        head = f'<worksheet xmlns="{MAIN}"><sheetData>'
        sheet = head + " " * (64 << 20) + "</sheetData></worksheet>"
        write_xlsx(book, {"Sheet1": [["x"]]}, extra_parts={"xl/worksheets/sheet1.xml": sheet})
        self.assertLess(book.stat().st_size, 1 << 20)
        self.check_refused(book, "xl/worksheets/sheet1.xml unpacks to", "times its packed size",
                           "zip bomb")

    def test_entity_expansion_is_refused(self):
        lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               + "".join(f'<!ENTITY lol{i} "{"&lol" + (str(i - 1) if i > 1 else "") + ";" * 1}' * 1
                         + f'{"&lol" + (str(i - 1) if i > 1 else "") + ";" * 1}' * 9 + '">'
                         for i in range(1, 10))
               + f']><sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>')
        book = self.tmp / "lol.xlsx"
        write_xlsx(book, {"Sheet1": [["respondent"], ["r1"]]}, extra_parts={"xl/sharedStrings.xml": lol})
        self.check_refused(book, "xl/sharedStrings.xml: a DOCTYPE (entity declarations)")

    def test_missing_parts(self):
        book = self.tmp / "nosheet.xlsx"
        write_xlsx(book, {"Sheet1": [["respondent"]]}, skip_parts=("xl/worksheets/sheet1.xml",))
        self.check_refused(book, "the part xl/worksheets/sheet1.xml is missing")
        book = self.tmp / "nobook.xlsx"
        write_xlsx(book, {"Sheet1": [["respondent"]]}, skip_parts=("xl/workbook.xml",))
        self.check_refused(book, "the part xl/workbook.xml is missing")
        book = self.tmp / "nostrings.xlsx"
        write_xlsx(book, {"Sheet1": [["respondent"], ["r1"]]}, skip_parts=("xl/sharedStrings.xml",))
        self.check_refused(book, "the part xl/sharedStrings.xml is missing")

    def test_absurd_cells_and_broken_xml(self):
        cases = {
            '<row r="1"><c r="XFE1"><v>1</v></c></row>': "odd.xlsx:Sheet1: 'XFE1' is not a cell within",
            '<row r="99999999"><c><v>1</v></c></row>': "'99999999' is not a cell within",
            '<row r="1"><c t="s"><v>7</v></c></row>': "Sheet1!A1: the cell refers to shared string 7, but the workbook has 1",
            '<row r="1"><c t="s"><v>-1</v></c></row>': "'-1' is not the number of a shared string",
            '<row r="1"><c><v>1</v></row>': "xl/worksheets/sheet1.xml:1:",
        }
        for rows_xml, needle in cases.items():
            with self.subTest(rows_xml):
                sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{rows_xml}</sheetData></worksheet>'
                book = self.tmp / "odd.xlsx"
                write_xlsx(book, {"Sheet1": [["x"]]}, extra_parts={"xl/worksheets/sheet1.xml": sheet})
                self.check_refused(book, needle)

    def test_deep_nesting_and_long_cells(self):
        deep = f'<worksheet xmlns="{MAIN}">' + "<x>" * 100 + "</x>" * 100 + "</worksheet>"
        book = self.tmp / "deep.xlsx"
        write_xlsx(book, {"Sheet1": [["x"]]}, extra_parts={"xl/worksheets/sheet1.xml": deep})
        self.check_refused(book, "nested more than 64 levels")
        long_cell = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>'
                     + "x" * (200 << 10) + "</t></is></c></row></sheetData></worksheet>")
        write_xlsx(book, {"Sheet1": [["x"]]}, extra_parts={"xl/worksheets/sheet1.xml": long_cell})
        self.check_refused(book, "Sheet1!A1: a cell's text is longer than")


class NotWhatTheNameSays(H2HTestCase):
    """Sniffing: a file is named for what it looks like, with what to do."""

    def refused(self, path, needle):
        r = run("report", path)
        self.assertExit(r, EX_DATA)
        self.assertEqual(r.stdout, "")
        self.assertIn(needle, r.stderr)
        self.assertNotIn("fields, but the header has", r.stderr)

    def test_files_named_csv_that_are_not(self):
        book = self.tmp / "export.csv"
        write_xlsx(book, {"Sheet1": [["respondent"]]})
        self.refused(book, f"{book}: this is a zip archive (an Excel workbook?), not CSV text: "
                           "if it is a workbook, give it the extension .xlsx")
        pdf = self.tmp / "answers.csv"
        pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
        self.refused(pdf, "this is a PDF document")
        unicode_text = "respondent\tgrowth.a\tgrowth.b\r\nr1\t5\t6\r\n"
        for name, data in (("bom.txt", unicode_text.encode("utf-16")),
                           ("nobom.csv", unicode_text.encode("utf-16-le"))):
            path = self.tmp / name
            path.write_bytes(data)
            self.refused(path, "this is UTF-16 text (Excel's \"Unicode text\")")
        xls = self.tmp / "old.csv"
        xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
        self.refused(xls, "an old Excel workbook (.xls)")
        text = self.tmp / "really.xlsx"
        text.write_text("respondent,growth.a,growth.b\nr1,5,6\n")
        self.refused(text, "this is text, not an Excel workbook: if it is CSV, give it the extension .csv")

    def test_windows_1252_is_named_with_the_fix(self):
        path = self.tmp / "excel.csv"
        path.write_bytes("respondent;team;growth.a;growth.b\r\nr1;Financiën;5;6\r\n".encode("cp1252"))
        r = run("report", path)
        self.assertExit(r, EX_DATA)
        self.assertIn(f"{path}:2:11: not UTF-8 text (byte 0xEB): probably Windows-1252", r.stderr)
        self.assertIn(f"iconv -f WINDOWS-1252 -t UTF-8 {path}", r.stderr)

    def test_pipes_are_not_sniffed(self):
        r = run("report", "/dev/stdin", "--format", "json",
                input="respondent,growth.a,growth.b\nr1,5,6\n")
        self.assertExit(r, EX_OK)
        self.assertEqual(json.loads(r.stdout)["answers"], 1)


class NeverASilentEmptyReport(H2HTestCase):
    def test_question_texts_without_a_map(self):
        """h2h form's own questions as headers: the map h2h form writes is named."""
        map_path = self.tmp / "kaart.yaml"
        self.assertExit(run("--lang", "nl", "form", "--map-out", map_path), EX_OK)
        texts = list(yaml.safe_load(map_path.read_text()))
        path = self.tmp / "google.csv"
        header = ["Tijdstempel"] + texts[2:6]
        write_csv(path, header, [["2026/03/02 10:00:00", "7", "3", "5", "5"]])
        for command in (("report", path), ("import", path, "-o", self.tmp / "s.yaml")):
            r = run(*command)
            self.assertExit(r, EX_DATA)
            self.assertIn(f"{path}:1: no column holds a dilemma's answers", r.stderr)
            self.assertIn("4 header(s) are questions of h2h form for deck h2h in language nl: "
                          "write their map with h2h form --deck h2h --lang nl --map-out map.yaml",
                          r.stderr)
        self.assertFalse((self.tmp / "s.yaml").exists())
        r = run("report", path, "--map", map_path, "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual(json.loads(r.stdout)["answers"], 2)
        other = self.tmp / "other.csv"
        write_csv(other, ["When", "Q1"], [["x", "5"]])
        r = run("report", other)
        self.assertExit(r, EX_DATA)
        self.assertIn("write a map with h2h form --map-out map.yaml", r.stderr)

    def suggested_map(self, stderr):
        """The --map lines a refused report suggests, as a file."""
        lines = [line for line in stderr.splitlines() if line.startswith('"')]
        path = self.tmp / "suggested.yaml"
        path.write_text("\n".join(lines) + "\n")
        return path, yaml.safe_load(path.read_text())

    def test_a_google_forms_export_gets_a_map_suggested(self):
        """Question texts and grid rows ("Growth [Expand fast]") as headers, a
        Timestamp column and a team column "Afdeling", in English and Dutch:
        refused (exit 3) with the map that reads them, which then works."""
        exports = {
            "en": (["Timestamp", "Email address", "Afdeling",
                    "Transparency [Share everything openly]", "Transparency [Guard confidentiality]",
                    "Growth [Expand fast]", "Growth [Strong local impact]",
                    "How would you get both? (Growth)",
                    "Check-in [I feel connected to the people I work with.]"],
                   "Timestamp"),
            "nl": (["Tijdstempel", "E-mailadres", "Afdeling",
                    "Openheid [Alles open delen]", "Openheid [Vertrouwelijkheid bewaken]",
                    "Groei [Snel uitbreiden]", "Groei [Sterke lokale impact]",
                    "Hoe zou je ze allebei krijgen? (Groei)",
                    "Check-in [Ik voel me verbonden met de mensen met wie ik samenwerk.]"],
                   "Tijdstempel"),
        }
        columns = ["team", "transparency.a", "transparency.b", "growth.a", "growth.b",
                   "growth.idea", "checkin.belonging-1"]
        data = [["2026/03/02 10:00:00 AM GMT+1", "a@example.org", "Sales", "7", "3", "9", "8",
                 "Pilot teams abroad", "4"],
                ["2026/03/04 3:00:00 PM GMT+1", "b@example.org", "ICT", "5", "5", "2", "9", "", "3"]]
        for lang, (header, stamp) in exports.items():
            with self.subTest(lang):
                path = self.tmp / f"google-{lang}.csv"
                write_csv(path, header, data)
                for command in (("report", path), ("import", path, "-o", self.tmp / "s.yaml")):
                    r = run("--lang", lang, *command)
                    self.assertExit(r, EX_DATA)
                    self.assertEqual(r.stdout, "")
                self.assertFalse((self.tmp / "s.yaml").exists())
                first = r.stderr.splitlines()[0]
                if lang == "en":
                    self.assertIn(f"{path}:1: no column holds a dilemma's answers", first)
                    self.assertIn("7 header(s) look like deck h2h's questions, pole labels or team "
                                  "(language en). This map reads them: save it as map.yaml", first)
                else:
                    self.assertIn(f"{path}:1: geen enkele kolom bevat antwoorden", first)
                    self.assertIn("7 kolomkop(pen) lijken op vragen, poollabels of het team van "
                                  "deck h2h (taal nl). Deze kopkoppeling leest ze", first)
                map_path, suggested = self.suggested_map(r.stderr)
                self.assertEqual(suggested, dict(zip(header[2:], columns)))
                r = run("report", path, "--map", map_path, "--by", "team", "--format", "json")
                self.assertExit(r, EX_OK)
                report = json.loads(r.stdout)
                self.assertEqual((report["participants"], report["answers"]), (2, 4))
                self.assertEqual(sorted(g["name"] for g in report["groups"]), ["ICT", "Sales"])
                self.assertEqual(report["files"][0]["timestamp_column"], stamp)
                self.assertEqual((report["files"][0]["first"], report["files"][0]["last"]),
                                 ("2026-03-02", "2026-03-04"))
                r = run("--lang", lang, "report", path, "--map", map_path)
                self.assertIn("Pilot teams abroad", r.stdout)  # the idea of a 9/8 answer
                self.assertExit(run("import", path, "--map", map_path, "-o", self.tmp / f"{lang}.yaml"),
                                EX_OK)

    def test_json_lines_without_a_dilemma_key(self):
        path = self.tmp / "forms.jsonl"
        path.write_text('{"respondent": "r1", "Growth [Expand fast]": 8, '
                        '"Growth [Strong local impact]": 3}\n{"respondent": "r2"}\n')
        r = run("report", path)
        self.assertExit(r, EX_DATA)
        self.assertEqual(r.stdout, "")
        self.assertIn(f"{path}: no column holds a dilemma's answers", r.stderr)
        map_path, suggested = self.suggested_map(r.stderr)
        self.assertEqual(suggested, {"Growth [Expand fast]": "growth.a",
                                     "Growth [Strong local impact]": "growth.b"})
        r = run("report", path, "--map", map_path, "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual(json.loads(r.stdout)["answers"], 1)

    def test_a_header_that_could_be_two_things_is_not_guessed(self):
        path = self.tmp / "vague.csv"
        write_csv(path, ["Expand fast or strong local impact?", "Growth [Strong local impact]",
                         "Growth [A]"], [["5", "5", "5"]])
        r = run("report", path)
        self.assertExit(r, EX_DATA)
        _, suggested = self.suggested_map(r.stderr)
        self.assertEqual(suggested, {"Growth [Strong local impact]": "growth.b",
                                     "Growth [A]": "growth.a"})
        # Two headers for growth.a: neither is suggested, so no dilemma is whole.
        write_csv(path, ["Growth [Expand fast]", "Growth [Strong local impact]",
                         "Growth [Expand fast] (again)"], [["5", "5", "5"]])
        r = run("report", path)
        self.assertExit(r, EX_DATA)
        self.assertIsNone(self.suggested_map(r.stderr)[1])
        self.assertIn("write a map with h2h form --map-out map.yaml", r.stderr)

    def test_yaml_files_that_are_not_sessions_are_skipped(self):
        session = self.tmp / "s.yaml"
        self.assertExit(run("run", "--solo", "--dilemmas", "growth", "-o", session, input="8 3\n"), EX_OK)
        deck = self.tmp / "deck.yaml"
        deck.write_text(run("template").stdout)
        map_path = self.tmp / "map.yaml"
        self.assertExit(run("form", "--map-out", map_path), EX_OK)
        r = run("report", deck, map_path, session, "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual(r.stderr.count("not a session file"), 2, r.stderr)
        self.assertIn(f"{deck}: not a session file (no schema: line; a deck or a map?): skipped", r.stderr)
        r = run("report", deck, map_path)
        self.assertExit(r, EX_DATA)
        self.assertIn("none of the files given is a session", r.stderr)


class TeamColumn(H2HTestCase):
    def test_team_column_by_name_and_said(self):
        path = self.tmp / "google.csv"
        write_csv(path, ["Tijdstempel", "Afdeling", "growth.a", "growth.b"],
                  [["t", "Financiën", "7", "3"], ["t", "Sales", "5", "5"], ["t", "Sales", "1", "9"]])
        r = run("report", path, "--by", "team", "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual([g["name"] for g in json.loads(r.stdout)["groups"]], ["no team name"])
        self.assertIn(f"{path}: no team column: every respondent is in one group; "
                      "name the column with --team-column NAME", r.stderr)
        r = run("report", path, "--by", "team", "--format", "json", "--team-column", "Afdeling")
        self.assertExit(r, EX_OK)
        groups = {g["name"]: g["participants"] for g in json.loads(r.stdout)["groups"]}
        self.assertEqual(groups, {"Financiën": 1, "Sales": 2})
        self.assertIn(f"{path}: teams from column 'Afdeling'", r.stderr)
        self.assertNotIn("ignoring", r.stderr)  # Tijdstempel dates the answers (here: none)
        # The same through a map entry, and for import.
        map_path = self.tmp / "map.yaml"
        map_path.write_text('"Afdeling": team\n')
        r = run("import", path, "--by", "team", "--map", map_path, "-o", self.tmp / "out")
        self.assertExit(r, EX_OK)
        self.assertIn("teams from column 'Afdeling'", r.stderr)
        self.assertEqual(len(list((self.tmp / "out").glob("*.yaml"))), 2)


class SurveyIdeas(H2HTestCase):
    def test_ideas_with_en_en_answers_reach_the_reflection(self):
        header = ["respondent", "growth.a", "growth.b", "growth.idea", "transparency.a",
                  "transparency.b", "transparency.idea"]
        data = [["r1", "9", "9", "Rotate the on-call week", "2", "9", "not an EN EN answer"],
                ["r2", "8", "8", "", "9", "9", "Open by default"]]
        path = self.tmp / "ideas.csv"
        write_csv(path, header, data)
        book = self.tmp / "ideas.xlsx"
        write_xlsx(book, {"Sheet1": [header] + as_cells(data)})
        for source in (path, book):
            r = run("report", source)
            self.assertExit(r, EX_OK)
            self.assertIn("  - Rotate the on-call week", r.stdout)
            self.assertIn("  - Open by default", r.stdout)
            self.assertNotIn("not an EN EN answer", r.stdout)
        # Imported sessions carry them: their report says the same.
        session = self.tmp / "s.yaml"
        self.assertExit(run("import", path, "-o", session), EX_OK)
        r = run("report", session)
        self.assertExit(r, EX_OK)
        self.assertIn("  - Rotate the on-call week", r.stdout)
        self.assertIn("  - Open by default", r.stdout)


class WhatAReportIsMadeFrom(H2HTestCase):
    """Reports from response files name their files, rows, respondents and
    the days the timestamp column spans, in every format."""

    def google_export(self, name="google.csv"):
        path = self.tmp / name
        write_csv(path, ["Tijdstempel", "Afdeling", "growth.a", "growth.b"],
                  [["2026/03/05 9:12:00 AM GMT+1", "Sales", "7", "3"],
                   ["2026/03/02 4:01:30 PM GMT+1", "Sales", "5", "5"],
                   ["2026/03/03 10:00:00 AM GMT+1", "ICT", "x", "5"]])
        return path

    def test_every_format_says_it(self):
        path = self.google_export()
        line = (f"From: {path} (3 rows, 2 respondents). When: 2026-03-02 to 2026-03-05 "
                "(column 'Tijdstempel'). Deck: h2h (version 2). 2 participants, 2 answers.")
        for fmt in ("text", "markdown", "html"):
            r = run("report", path, "--skip-invalid", "--format", fmt)
            self.assertExit(r, EX_OK)
            shown = html.unescape(r.stdout) if fmt == "html" else r.stdout
            if fmt == "markdown":
                shown = re.sub(r"\\(.)", r"\1", shown)  # Markdown escapes: \_ is _
            self.assertIn(line, " ".join(shown.split()), fmt)
            self.assertNotIn("0 sessions", r.stdout)
        r = run("report", path, "--skip-invalid", "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual(json.loads(r.stdout)["files"],
                         [{"file": str(path), "rows": 3, "respondents": 2,
                           "timestamp_column": "Tijdstempel", "first": "2026-03-02",
                           "last": "2026-03-05"}])
        r = run("--lang", "nl", "report", path, "--skip-invalid")
        self.assertExit(r, EX_OK)
        self.assertIn(f"Bron: {path} (3 rijen, 2 respondenten). Wanneer: 2026-03-02 tot en met 2026-03-05 "
                      "(kolom 'Tijdstempel').", " ".join(r.stdout.split()))

    def test_json_lines_are_dated_as_a_table_is(self):
        csv_path = self.google_export()
        path = self.tmp / "google.jsonl"
        with open(csv_path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        lines = [json.dumps(r) for r in rows]
        # A repeated key: that line is read the slow way, and dated all the same.
        lines[0] = lines[0].replace('"growth.a": "7"', '"growth.a": "1", "growth.a": "7"')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        r = run("report", path, "--skip-invalid")
        self.assertExit(r, EX_OK)
        self.assertIn(f"From: {path} (3 rows, 2 respondents). When: 2026-03-02 to 2026-03-05 "
                      "(column 'Tijdstempel').", " ".join(r.stdout.split()))
        self.assertNotIn("Tijdstempel", r.stderr)  # not an ignored key
        # Microsoft Forms' keys, times as serial numbers: the completion time
        # dates a line, the start time is a key h2h does not use.
        forms = self.tmp / "forms.jsonl"
        forms.write_text("".join(json.dumps(d) + "\n" for d in (
            {"Start time": 46083.3, "Completion time": 46083.375, "growth.a": 8, "growth.b": 2},
            {"Start time": 46086.1, "Completion time": 46087.5, "growth.a": 6, "growth.b": 6},
            {"growth.a": 5, "growth.b": 5})), encoding="utf-8")
        r = run("report", forms, "--format", "json")
        self.assertExit(r, EX_OK)
        self.assertEqual(json.loads(r.stdout)["files"],
                         [{"file": str(forms), "rows": 3, "respondents": 3,
                           "timestamp_column": "Completion time", "first": "2026-03-02",
                           "last": "2026-03-06"}])
        self.assertIn("Start time", r.stderr)
        self.assertNotIn("Completion time", r.stderr)

    def test_day_first_text_dates_in_a_workbook(self):
        book = self.tmp / "forms.xlsx"
        write_xlsx(book, {"Sheet1": [["Start time", "Completion time", "growth.a", "growth.b"],
                                     ["1-3-2026 9:00", "1-3-2026 9:05", 8, 2],
                                     ["28-2-2026 9:00", "13-3-2026 9:05", 8, 2]]})
        data = json.loads(run("report", book, "--format", "json").stdout)
        self.assertEqual((data["files"][0]["first"], data["files"][0]["last"]),
                         ("2026-03-01", "2026-03-13"))

    def test_without_a_timestamp_and_beside_sessions(self):
        path = self.tmp / "plain.csv"
        write_csv(path, ["respondent", "growth.a", "growth.b"], [["r1", "8", "2"]])
        r = run("report", path)
        self.assertExit(r, EX_OK)
        self.assertIn(f"From: {path} (1 row, 1 respondent). When: unknown (no timestamp column).",
                      " ".join(r.stdout.split()))
        self.assertEqual(json.loads(run("report", path, "--format", "json").stdout)["files"][0]
                         ["timestamp_column"], None)
        session = self.tmp / "s.yaml"
        self.assertExit(run("run", "--solo", "--dilemmas", "growth", "-o", session, input="8 3\n"),
                        EX_OK)
        r = run("report", session, self.google_export(), "--skip-invalid")
        self.assertExit(r, EX_OK)
        text = " ".join(r.stdout.split())
        self.assertIn("1 session, 3 participants", text)
        self.assertIn("Also from response files: ", text)
        self.assertIn("When: 2026-03-02 to 2026-03-05 (column 'Tijdstempel').", text)
        # Beyond three files, their sums.
        paths = [self.google_export(f"g{i}.csv") for i in range(4)]
        r = run("report", *paths, "--skip-invalid")
        self.assertIn("From: 4 response files (12 rows, 8 respondents).", " ".join(r.stdout.split()))
