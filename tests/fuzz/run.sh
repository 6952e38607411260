#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer, UndefinedBehavior-
# Sanitizer, LeakSanitizer) and runs each for SECONDS (default 60), starting
# from the seed corpus in tests/fuzz/corpus/<target>/.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Prints executions and time per target. A crash, hang (10 s per input) or
# leak stops the run with a non-zero status and leaves the input in
# build-fuzz/artifacts/: fix the bug and keep the input in
# tests/fuzz/regressions/<target>/, which the normal test suite replays.
# Needs clang and Debian's libclang-rt-14-dev.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(deck session csv jsonl answer_input report_json xlsx csv_split)
build=${H2H_FUZZ_BUILD:-$top/build-fuzz}

cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DH2H_FUZZ=ON > "$build.log" 2>&1 || { cat "$build.log"; exit 1; }
cmake --build "$build" -j2 --target $(printf 'fuzz_%s ' "${targets[@]}") >> "$build.log" 2>&1 \
  || { tail -50 "$build.log"; exit 1; }

mkdir -p "$build/artifacts"
status=0
printf '%-14s %12s %8s %s\n' target executions seconds result
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -r "$here/corpus/$t/." "$work/" 2>/dev/null || true
  log="$build/fuzz_$t.log"
  start=$(date +%s)
  if "$build/tests/fuzz_$t" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 > "$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and $build/artifacts/)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  printf '%-14s %12s %8s %s\n' "$t" "$runs" "$(( $(date +%s) - start ))" "$result"
  rm -rf "$work"
done
exit $status
