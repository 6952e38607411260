#!/usr/bin/env bash
# The batch benchmark: h2h report over every way in (CSV, JSON Lines,
# session files, report JSON shards) and h2h's start-up, side by side with
# named peers: a reference aggregation of the same figures in awk under
# mawk, the same figures computed by DuckDB (the @duckdb/node-api package,
# installed under the build folder; skipped with a message when it cannot
# be installed), and `wc -l` on the same file (the floor).
#
#   tests/bench/batch.sh [BUILD_DIR]            every figure at full size
#   ROWS=3000 BIG_ROWS=0 SESSION_ROWS=300 SHARDS=5 DUCKDB=0 STARTUP=0 \
#     tests/bench/batch.sh                      the quick agreement check
#
# Knobs: ROWS (1000000), BIG_ROWS (10000000; 0 skips), SESSION_ROWS
# (participants of one session file, "10000 100000"), SHARDS (1000),
# DUCKDB (1; 0 skips), STARTUP (1; 0 skips). Exits non-zero when the
# figures of h2h and a peer disagree. Goals: README, "Speed and memory".
# Needs mawk, GNU time and python3 (Debian: mawk, time, python3); DuckDB
# needs node and npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
h2h=$build/h2h
rows=${ROWS:-1000000}
big_rows=${BIG_ROWS:-10000000}
session_rows=${SESSION_ROWS:-10000 100000}
shards=${SHARDS:-1000}
work=$(mktemp -d "${TMPDIR:-/tmp}/h2h-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in mawk /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "batch.sh: $tool is needed" >&2; exit 2; }
done
[ -x "$h2h" ] || { echo "batch.sh: no h2h at $h2h (build first)" >&2; exit 2; }

# Seconds with millisecond resolution, and peak memory in KiB, of a command.
# CPU time (user + system) too: on a busy machine the wall time is an upper
# bound, and the CPU time says what the work itself cost.
measure() {  # measure OUT_FILE CMD...
  local out=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > "$out"
  read -r secs kib usr sys < "$work/time"
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}
load() { printf '(load average %s)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
mbps() { awk -v mb="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? mb / s : 0) }'; }
mib() { ratio "$1" 1024; }
row() { printf '%-34s %10s %12s %10s %s\n' "$@"; }
lines_of() { python3 "$here/json_to_lines.py" < "$1" | LC_ALL=C sort; }
agree() {  # agree NAME FILE: FILE's sorted lines equal the mawk reference's
  if ! cmp -s "$2" "$work/ref.lines"; then
    echo "FAIL: $1 and the mawk reference disagree:" >&2
    diff "$2" "$work/ref.lines" | head -20 >&2
    exit 1
  fi
}

# DuckDB, installed once under the build folder (never in the sources).
duckdb=""
if [ "${DUCKDB:-1}" != 0 ]; then
  node_dir=$build/bench-node
  if command -v node >/dev/null && command -v npm >/dev/null &&
     { [ -d "$node_dir/node_modules/@duckdb/node-api" ] ||
       npm install --silent --no-audit --no-fund --prefix "$node_dir" @duckdb/node-api \
         >/dev/null 2>&1; }; then
    cp "$here/duckdb_reference.mjs" "$node_dir/"
    duckdb="node $node_dir/duckdb_reference.mjs"
    duck_version=$(cd "$node_dir" && node -p "require('@duckdb/node-api/package.json').version")
  else
    echo "DuckDB skipped: @duckdb/node-api cannot be installed here (needs node and npm)"
  fi
fi

echo "generating $rows respondents (20 teams, built-in h2h deck) ..."
mawk -v N="$rows" -v SEED=2026 -f "$here/gen_responses.awk" > "$work/r.csv"
mawk -F, -f "$here/csv_to_jsonl.awk" "$work/r.csv" > "$work/r.jsonl"
csv_mb=$(awk -v b="$(stat -c %s "$work/r.csv")" 'BEGIN { printf "%.1f", b / 1048576 }')
jsonl_mb=$(awk -v b="$(stat -c %s "$work/r.jsonl")" 'BEGIN { printf "%.1f", b / 1048576 }')

measure "$work/ref.txt" mawk -f "$here/reference.awk" "$work/r.csv"
awk_secs=$secs; awk_kib=$kib
LC_ALL=C sort "$work/ref.txt" > "$work/ref.lines"
figures=$(wc -l < "$work/ref.lines")

# CSV
measure "$work/wc.txt" wc -l "$work/r.csv"; wc_secs=$secs
measure "$work/h2h.json" "$h2h" report "$work/r.csv" --by team --format json
h2h_secs=$secs; h2h_kib=$kib; h2h_cpu=$cpu
lines_of "$work/h2h.json" > "$work/h2h.lines"; agree "h2h (CSV)" "$work/h2h.lines"
if [ -n "$duckdb" ]; then
  measure "$work/duck.txt" $duckdb "$work/r.csv" csv; duck_secs=$secs; duck_kib=$kib
  LC_ALL=C sort "$work/duck.txt" > "$work/duck.lines"; agree "DuckDB (CSV)" "$work/duck.lines"
fi
printf '\nCSV: %s rows, %s MB; h2h, mawk%s agree on all %s figures ' "$rows" "$csv_mb" \
  "${duckdb:+ and DuckDB $duck_version}" "$figures"; load
row "" "wall (s)" "peak (MiB)" "MB/s" ""
row "h2h report --by team" "$h2h_secs" "$(mib "$h2h_kib")" "$(mbps "$csv_mb" "$h2h_secs")" "CPU $h2h_cpu s"
row "mawk reference" "$awk_secs" "$(mib "$awk_kib")" "$(mbps "$csv_mb" "$awk_secs")" \
  "h2h $(ratio "$awk_secs" "$h2h_secs")x faster"
[ -n "$duckdb" ] && row "DuckDB read_csv (2 threads)" "$duck_secs" "$(mib "$duck_kib")" \
  "$(mbps "$csv_mb" "$duck_secs")" "h2h $(ratio "$duck_secs" "$h2h_secs")x faster"
row "wc -l (floor)" "$wc_secs" "" "$(mbps "$csv_mb" "$wc_secs")" ""

# JSON Lines
measure "$work/wc.txt" wc -l "$work/r.jsonl"; jwc_secs=$secs
measure "$work/h2h-jsonl.json" "$h2h" report "$work/r.jsonl" --by team --format json
j_secs=$secs; j_kib=$kib; j_cpu=$cpu
lines_of "$work/h2h-jsonl.json" > "$work/h2h-jsonl.lines"; agree "h2h (JSON Lines)" "$work/h2h-jsonl.lines"
if [ -n "$duckdb" ]; then
  measure "$work/duck.txt" $duckdb "$work/r.jsonl" jsonl; jduck_secs=$secs; jduck_kib=$kib
  LC_ALL=C sort "$work/duck.txt" > "$work/duck.lines"; agree "DuckDB (JSON Lines)" "$work/duck.lines"
fi
printf '\nJSON Lines: the same rows, %s MB; every figure agrees ' "$jsonl_mb"; load
row "h2h report --by team" "$j_secs" "$(mib "$j_kib")" "$(mbps "$jsonl_mb" "$j_secs")" \
  "CPU $j_cpu s; $(ratio "$j_secs" "$h2h_secs")x the time of the CSV"
[ -n "$duckdb" ] && row "DuckDB read_json (2 threads)" "$jduck_secs" "$(mib "$jduck_kib")" \
  "$(mbps "$jsonl_mb" "$jduck_secs")" "h2h $(ratio "$jduck_secs" "$j_secs")x faster"
row "wc -l (floor)" "$jwc_secs" "" "$(mbps "$jsonl_mb" "$jwc_secs")" ""

# Session files: one file per team of the first rows (checked against the
# reference over the same rows), then one file of N participants.
printf '\nSession files (h2h import, then h2h report) '; load
first=$(for n in $session_rows; do echo "$n"; done | sort -n | head -1)
head -n $((first + 1)) "$work/r.csv" > "$work/s.csv"
mawk -f "$here/reference.awk" "$work/s.csv" | LC_ALL=C sort > "$work/ref.lines"
"$h2h" import "$work/s.csv" --by team -o "$work/teams" > /dev/null
measure "$work/teams.json" "$h2h" report "$work/teams"/*.yaml --by team --format json
lines_of "$work/teams.json" > "$work/teams.lines"; agree "h2h (session files)" "$work/teams.lines"
row "$(ls "$work/teams" | wc -l) team files of $first in all" "$secs" "$(mib "$kib")" "" "every figure agrees"
base_secs=""
for n in $session_rows; do
  head -n $((n + 1)) "$work/r.csv" > "$work/s.csv"
  rm -f "$work/s.yaml"
  measure /dev/null "$h2h" import "$work/s.csv" -o "$work/s.yaml"
  row "h2h import of $n rows" "$secs" "$(mib "$kib")" "" "CPU $cpu s"
  measure "$work/s.json" "$h2h" report "$work/s.yaml" --format json
  note="CPU $cpu s"
  [ -n "$base_secs" ] && note="$note; $(ratio "$secs" "$base_secs")x the time of $first"
  [ -z "$base_secs" ] && base_secs=$secs
  row "one file of $n participants" "$secs" "$(mib "$kib")" \
    "$(mbps "$(awk -v b="$(stat -c %s "$work/s.yaml")" 'BEGIN { print b / 1048576 }')" "$secs")" "$note"
done

# Report JSON shards, one per team, merged.
if [ "$shards" -gt 0 ]; then
  mkdir -p "$work/shards"
  mawk -F, -v N="$shards" -v DIR="$work/shards" 'NR == 1 { h = $0; next }
    { t = (NR - 2) % N; f = DIR "/s" t ".csv"; if (!(f in seen)) { seen[f]; print h > f }
      $2 = "team-" t; print > f }' OFS=, "$work/r.csv"
  for f in "$work/shards"/*.csv; do "$h2h" report "$f" --by team --format json -o "${f%.csv}.json"; done
  measure "$work/merged.json" "$h2h" report "$work/shards"/*.json --by team --format json
  printf '\nReport JSON shards '; load
  row "merge $shards shards --by team" "$secs" "$(mib "$kib")" "" "CPU $cpu s"
fi

# Start-up: the median of 21 runs, beside /bin/true.
if [ "${STARTUP:-1}" != 0 ]; then
  printf '\nStart-up (median of 21 runs) '; load
  python3 - "$h2h" "$here/../../dilemmas/h2h.yaml" <<'PY'
import statistics, subprocess, sys, time
h2h, deck = sys.argv[1], sys.argv[2]
for name, cmd in (("/bin/true", ["/bin/true"]), ("h2h --version", [h2h, "--version"]),
                  ("h2h list", [h2h, "list"]), ("h2h validate FILE", [h2h, "validate", deck])):
    times = []
    for _ in range(21):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    print(f"{name:<34} {statistics.median(times) * 1000:8.1f} ms")
PY
fi

if [ "$big_rows" -gt 0 ]; then
  echo
  echo "generating $big_rows respondents ..."
  mawk -v N="$big_rows" -v SEED=2026 -f "$here/gen_responses.awk" > "$work/big.csv"
  big_mb=$(awk -v b="$(stat -c %s "$work/big.csv")" 'BEGIN { printf "%.1f", b / 1048576 }')
  measure "$work/big.json" "$h2h" report "$work/big.csv" --by team --format json
  printf 'CSV, %s rows, %s MB: h2h %s s (CPU %s s), peak %s MiB, %s MB/s; %sx the time of %s rows ' \
    "$big_rows" "$big_mb" "$secs" "$cpu" "$(mib "$kib")" "$(mbps "$big_mb" "$secs")" \
    "$(ratio "$secs" "$h2h_secs")" "$rows"; load
fi
