#!/usr/bin/env bash
# The workbook benchmark: h2h report over a Microsoft Forms-style .xlsx of
# ROWS respondents (default 1,000,000), side by side with the CSV of the same
# data, and with unzip -p (unpacking the sheet alone: the floor).
#
#   tests/bench/xlsx.sh [BUILD_DIR]
#   ROWS=20000 tests/bench/xlsx.sh       a quick run
#
# Prints wall and CPU time, peak memory and MB/s of sheet XML for each,
# with the load average before and after (wall time grows with it). Exits
# non-zero when the workbook and the CSV give different figures. Goals
# (README, issue 16): under 64 MiB and at least 20 MB/s of sheet XML at 1M
# rows. Needs python3 and GNU time (Debian: time); unzip for the floor.
# ROWS=2000 is the quick agreement check the test suite runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
h2h=$build/h2h
rows=${ROWS:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/h2h-xlsx-bench.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
for tool in python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "xlsx.sh: $tool is needed" >&2; exit 2; }
done

echo "generating $rows respondents as .xlsx and .csv ..."
python3 - "$work" "$rows" "$here/../e2e" <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape
work, n = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, sys.argv[3])
import xlsx_maker as m
ids = [f"{d}.{p}" for d in ("transparency", "sustainability", "workload", "growth", "guidance") for p in "ab"]
header = ["ID", "Start time", "Completion time", "Email", "Name", "team"] + ids + ["checkin.autonomy"]
teams = [f"team-{i}" for i in range(20)]
strings = m.Strings()
for h in header + ["anonymous"] + teams:
    strings.ref(h)
state = 2026
def row(i):
    global state
    out = []
    for _ in range(11):
        state = (state * 1103515245 + 12345) % 2**31
        out.append("" if state % 29 == 0 else (state >> 16) % 11)
    out[-1] = out[-1] % 5 + 1 if out[-1] != "" else ""
    for k in range(0, 10, 2):  # one pole without the other is half an answer: both blank
        if "" in out[k:k + 2]:
            out[k:k + 2] = ["", ""]
    return out
with open(f"{work}/r.csv", "w", newline="") as fc, zipfile.ZipFile(f"{work}/r.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    w = csv.writer(fc)
    w.writerow(header)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{m.MAIN}"><sheetData>'.encode())
        cells = "".join(f'<c r="{m.column_letters(c)}1" t="s"><v>{strings.ref(h)}</v></c>' for c, h in enumerate(header, 1))
        f.write(f'<row r="1">{cells}</row>'.encode())
        letters = [m.column_letters(c) for c in range(1, len(header) + 1)]
        buf = []
        for i in range(n):
            r = i + 2
            vals = row(i)
            t = 46083.375 + i / 1440
            team = teams[i % 20]
            w.writerow([i + 1, t, t + 0.003, "anonymous", "", team] + vals)
            cells = (f'<c r="A{r}"><v>{i + 1}</v></c><c r="B{r}" s="1"><v>{t}</v></c>'
                     f'<c r="C{r}" s="1"><v>{t + 0.003}</v></c><c r="D{r}" t="s"><v>{strings.ref("anonymous")}</v></c>'
                     f'<c r="F{r}" t="s"><v>{strings.ref(team)}</v></c>'
                     + "".join(f'<c r="{letters[6 + k]}{r}"><v>{v}</v></c>' for k, v in enumerate(vals) if v != ""))
            buf.append(f'<row r="{r}">{cells}</row>')
            if len(buf) >= 5000:
                f.write("".join(buf).encode()); buf = []
        f.write(("".join(buf) + "</sheetData></worksheet>").encode())
    parts = {}
    m_parts = {}
    # the other parts as the maker writes them, with this sheet and table
    import io
    tmp = io.BytesIO()
    m.write_xlsx(tmp, {"Sheet1": [["x"]]})
    with zipfile.ZipFile(tmp) as small:
        for name in small.namelist():
            if name not in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
                z.writestr(name, small.read(name))
    z.writestr("xl/sharedStrings.xml", strings.xml())
PY
sheet_bytes=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("xl/worksheets/sheet1.xml").file_size)' "$work/r.xlsx")
sheet_mb=$(awk -v b="$sheet_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "workbook: $(stat -c %s "$work/r.xlsx") bytes, sheet XML $sheet_mb MiB; CSV $(stat -c %s "$work/r.csv") bytes"

# Wall time depends on what else the machine runs: the load average is
# printed with the figures, and CPU time (user + system) beside the wall.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %9s %9s %8s %12s %12s\n' "" wall CPU memory "MB/s (wall)" "MB/s (CPU)"
measure() {  # measure LABEL CMD...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/$label.out" 2> "$work/$label.err" \
    || { echo "xlsx.sh: $label failed:" >&2; cat "$work/$label.err" >&2; exit 1; }
  read -r secs user sys kib < "$work/time"
  local cpu
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  printf '%-24s %8ss %8ss %4s MiB %12s %12s\n' "$label" "$secs" "$cpu" "$((kib / 1024))" \
    "$(awk -v b="$sheet_bytes" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? b / 1048576 / s : 0) }')" \
    "$(awk -v b="$sheet_bytes" -v s="$cpu" 'BEGIN { printf "%.0f", (s > 0 ? b / 1048576 / s : 0) }')"
}
if command -v unzip >/dev/null; then
  measure "unzip -p (floor)" unzip -p "$work/r.xlsx" xl/worksheets/sheet1.xml
else
  echo "(unzip is not installed: no floor)"
fi
measure "h2h report .xlsx" "$h2h" report "$work/r.xlsx" --by team --format json
measure "h2h report .csv" "$h2h" report "$work/r.csv" --by team --format json
# The same figures: the reports without their list of files (which names the input).
if ! python3 - "$work/h2h report .xlsx.out" "$work/h2h report .csv.out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r.pop("files")
sys.exit(0 if a == b else 1)
PY
then
  echo "xlsx.sh: the workbook and the CSV give different figures" >&2
  exit 1
fi
echo "same figures from the workbook and the CSV"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
