#!/usr/bin/env bash
# The batch benchmark: h2h report over survey responses, side by side with
# a reference aggregation of the same figures in awk, run with mawk.
#
#   tests/bench/batch.sh [BUILD_DIR]              1M rows vs mawk, then 10M for h2h
#   ROWS=2000 BIG_ROWS=0 tests/bench/batch.sh     a quick check that both agree
#
# Prints, for 1M rows: both wall times and their ratio, h2h's peak memory,
# throughput in MB/s and the time of `wc -l` on the same file (the floor);
# then h2h alone at 10M rows (scaling). Exits non-zero when the figures of
# h2h and the reference disagree. Goals (README): h2h at least 10x faster
# than mawk, peak memory under 16 MiB at both sizes, 10M rows no more than
# 11x the time of 1M. Needs mawk and GNU time (Debian: mawk, time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
h2h=$build/h2h
rows=${ROWS:-1000000}
big_rows=${BIG_ROWS:-10000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/h2h-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in mawk /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "batch.sh: $tool is needed" >&2; exit 2; }
done
[ -x "$h2h" ] || { echo "batch.sh: no h2h at $h2h (build first)" >&2; exit 2; }

# Seconds with millisecond resolution, and peak memory in KiB, of a command.
measure() {  # measure OUT_FILE CMD...
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$out"
  read -r secs kib < "$work/time"
}

echo "generating $rows respondents (20 teams, built-in h2h deck) ..."
mawk -v N="$rows" -v SEED=2026 -f "$here/gen_responses.awk" > "$work/responses.csv"
bytes=$(stat -c %s "$work/responses.csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

measure "$work/wc.txt" wc -l "$work/responses.csv"; wc_secs=$secs
measure "$work/h2h.json" "$h2h" report "$work/responses.csv" --by team --format json
h2h_secs=$secs; h2h_kib=$kib
measure "$work/ref.txt" mawk -f "$here/reference.awk" "$work/responses.csv"
awk_secs=$secs; awk_kib=$kib

python3 "$here/json_to_lines.py" < "$work/h2h.json" | LC_ALL=C sort > "$work/h2h.lines"
LC_ALL=C sort "$work/ref.txt" > "$work/ref.lines"
if ! cmp -s "$work/h2h.lines" "$work/ref.lines"; then
  echo "FAIL: h2h and the mawk reference disagree:" >&2
  diff "$work/h2h.lines" "$work/ref.lines" | head -20 >&2
  exit 1
fi
figures=$(wc -l < "$work/ref.lines")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
mbps() { awk -v mb="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? mb / s : 0) }'; }
printf '\n%s rows, %s MB: both agree on all %s figures\n' "$rows" "$mb" "$figures"
printf '%-28s %10s %12s %10s\n' "" "wall (s)" "peak (MiB)" "MB/s"
printf '%-28s %10s %12s %10s\n' "h2h report --by team" "$h2h_secs" "$(ratio "$h2h_kib" 1024)" "$(mbps "$mb" "$h2h_secs")"
printf '%-28s %10s %12s %10s\n' "mawk reference" "$awk_secs" "$(ratio "$awk_kib" 1024)" "$(mbps "$mb" "$awk_secs")"
printf '%-28s %10s %12s %10s\n' "wc -l (floor)" "$wc_secs" "" "$(mbps "$mb" "$wc_secs")"
printf 'h2h is %sx faster than mawk\n' "$(ratio "$awk_secs" "$h2h_secs")"

if [ "$big_rows" -gt 0 ]; then
  echo
  echo "generating $big_rows respondents ..."
  mawk -v N="$big_rows" -v SEED=2026 -f "$here/gen_responses.awk" > "$work/big.csv"
  big_mb=$(awk -v b="$(stat -c %s "$work/big.csv")" 'BEGIN { printf "%.1f", b / 1048576 }')
  measure "$work/big.json" "$h2h" report "$work/big.csv" --by team --format json
  printf '%s rows, %s MB: h2h %s s, peak %s MiB, %s MB/s; %sx the time of %s rows\n' \
    "$big_rows" "$big_mb" "$secs" "$(ratio "$kib" 1024)" "$(mbps "$big_mb" "$secs")" \
    "$(ratio "$secs" "$h2h_secs")" "$rows"
fi
