#!/usr/bin/env bash
# Fuzzes every Jazzer target for its time budget (5 minutes each, @FuzzTest maxDuration), one after
# the other, and prints the number of executions of each and in total.
#
#   bench/fuzz.sh                 all targets
#   bench/fuzz.sh parser:elf ...  some targets (module:method)
#
# A crash is kept by Jazzer as an input under <module>/src/test/resources/.../*FuzzTestInputs/<method>/
# and fails the run; keep it there so that it stays a regression test, and fix the cause.
set -uo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parser:detect parser:elf parser:kpatch parser:livepatch parser:archive parser:kernelSymbols
           analyzer:policy analyzer:kpatchChecks analyzer:livepatchChecks analyzer:coreScan)
fi
mkdir -p bench/out
total=0
status=0
printf '| target | executions | result |\n|---|---:|---|\n'
for t in "${targets[@]}"; do
  mod=${t%%:*}; method=${t#*:}
  class=$([ "$mod" = parser ] && echo ParserFuzzTest || echo AnalyzerFuzzTest)
  log="bench/out/fuzz-$mod-$method.log"
  mvn -q -B -Pfuzz -pl "$mod" -am test -Dtest="$class#$method" > "$log" 2>&1
  rc=$?
  out="$mod/target/surefire-reports/org.kpaudit.$mod.fuzz.$class-output.txt"
  cp "$out" "bench/out/fuzz-$mod-$method.out" 2>/dev/null || true
  # libFuzzer's last words: "Done N runs in S second(s)" (or, after a crash, the last "#N" status line)
  runs=$(cat "$log" "bench/out/fuzz-$mod-$method.out" 2>/dev/null | grep -aoE 'Done [0-9]+ runs' | tail -1 | awk '{print $2}')
  if [ -z "$runs" ]; then
    runs=$(cat "$log" "bench/out/fuzz-$mod-$method.out" 2>/dev/null | grep -aoE '^#[0-9]+' | tail -1 | tr -d '#')
  fi
  runs=${runs:-0}
  total=$((total + runs))
  result=$([ $rc = 0 ] && echo "no crash, hang or OOM" || echo "FAILED (see $log)")
  [ $rc = 0 ] || status=1
  printf '| %s | %s | %s |\n' "$t" "$runs" "$result"
done
printf '| **total** | **%s** | |\n' "$total"
exit $status
