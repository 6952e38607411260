#!/usr/bin/env python3
"""Writes the seed workbooks of the xlsx fuzz target (tests/fuzz/corpus/xlsx/):
shared and inline strings, a Microsoft Forms export, two sheets, rich text,
odd layouts. Rerun after changing tests/e2e/xlsx_maker.py."""

import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here.parent / "e2e"))
from xlsx_maker import MAIN, excel_serial, write_xlsx  # noqa: E402

out = here / "corpus" / "xlsx"
out.mkdir(parents=True, exist_ok=True)
header = ["respondent", "team", "transparency.a", "transparency.b", "growth.a", "growth.b",
          "checkin.autonomy"]
data = [[f"r{i}", f"team-{i % 3}", i % 11, (i * 7) % 11, None if i % 5 == 0 else i % 4, 3, i % 5 + 1]
        for i in range(12)]
write_xlsx(out / "shared.xlsx", {"Sheet1": [header] + data})
write_xlsx(out / "inline.xlsx", {"Sheet1": [header] + data}, inline=True)
forms = [["ID", "Start time", "Completion time", "Email", "Name"] + header]
for i, r in enumerate(data):
    t = excel_serial(2026, 3, 2, 9, i)
    forms.append([i + 1, t, t + 0.003, "anonymous", None] + r)
write_xlsx(out / "forms.xlsx", {"Sheet1": forms}, date_columns=(2, 3))
write_xlsx(out / "two-sheets.xlsx", {"Notes": [["notes"]], "Answers": [header] + data[:3]})
sheet = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>'
         '<row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><r><t>growth</t></r><r><t>.a</t></r></is></c>'
         '<c t="str"><f>"growth.b"</f><v>growth.b</v></c></row>'
         '<row><c t="s"><v>1</v></c><c><f>4+4</f><v>8</v></c><c r="C2"><v>2</v></c></row>'
         '<row r="9"><c r="A9" t="s"><v>2</v></c><c r="C9" t="s"><v>3</v></c></row>'
         '</sheetData></worksheet>')
strings = (f'<sst xmlns="{MAIN}"><si><t>respondent</t></si><si><r><t>r</t></r><r><t>1</t></r>'
           '<rPh><t>x</t></rPh></si><si><t>r2</t></si><si><t> 4 </t></si></sst>')
write_xlsx(out / "odd.xlsx", {"Sheet1": [["x"]]},
           extra_parts={"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings})
