#!/usr/bin/env bash
# Benchmark of `kpaudit scan` on large core-like files, side by side with `cat FILE > /dev/null`
# in the same run (not a test: prints a table to read).
#
#   bench/scan-bench.sh                 # sizes 512 and 1536 MiB, 3 planted patch regions
#   SIZES="2048" RUNS=5 bench/scan-bench.sh
#
# For each size it writes a sparse core with bench/GenerateCore.java (into bench/out/), reads it
# once to warm the page cache, then times RUNS runs of cat and of the scan (best run of each),
# and the scan's peak memory (max RSS from /usr/bin/time -v when present). The scan reads every
# byte the core holds (it looks for KPATCH1 at every page start), so its throughput is comparable
# with cat's; its memory should not grow with the file. Columns: scan_s is the whole command
# (JVM start included); net_s subtracts the fixed cost of a scan measured on a tiny core in the
# same run; ratio = scan_s / cat_s, ratio_net = net_s / cat_s.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${BENCH_OUT:-$here/bench/out}"
sizes="${SIZES:-512 1536}"
runs="${RUNS:-3}"
regions="${REGIONS:-3}"
mkdir -p "$out"

(cd "$here" && mvn -q -B -DskipTests package) >&2
# kpaudit as ./kpaudit runs it: its JVM options and class data sharing archive
"$here/kpaudit" --version > /dev/null
mapfile -t kp < <(KPAUDIT_PRINT_COMMAND=1 "$here/kpaudit")

now() { date +%s.%N; }
best() { # best wall time of "$@" over $runs runs
  local b=""
  for _ in $(seq "$runs"); do
    local t0 t1 d
    t0=$(now); "$@" > /dev/null; t1=$(now)
    d=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$d < $b" | bc -l)" = 1 ]; then b=$d; fi
  done
  echo "$b"
}
scan() { "${kp[@]}" scan -f json "$1"; }
rss() { # peak RSS in KiB of one scan
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "${kp[@]}" scan -f json "$1" 2>&1 >/dev/null \
      | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
  else
    echo "?"
  fi
}

# the fixed cost of a scan (JVM start, class loading, objects, regions, report): the same core
# without its large anonymous segments
small="$out/core-0.core"
java "$here/bench/GenerateCore.java" "$small" 0 "$regions" >&2
t0=$(best scan "$small")
echo "fixed cost of one scan (JVM start ... report), measured on $(stat -c %s "$small") bytes: ${t0} s"
rm -f "$small"
printf '%-8s %-8s %-9s %-8s %-8s %-9s %-9s %-9s %-11s %s\n' size_MiB cat_s cat_MB/s scan_s net_s net_MB/s ratio ratio_net \
  maxRSS_MiB patches
for s in $sizes; do
  f="$out/core-$s.core"
  java "$here/bench/GenerateCore.java" "$f" "$s" "$regions" >&2
  bytes=$(stat -c %s "$f")
  cat "$f" > /dev/null
  found=$(scan "$f" | grep -c '"kind" : "changed"' || true)
  tc=$(best cat "$f")
  ts=$(best scan "$f")
  r=$(rss "$f")
  mb=$(echo "$bytes / 1000000" | bc -l)
  net=$(echo "$ts - $t0" | bc -l)
  printf '%-8s %-8.3f %-9.0f %-8.3f %-8.3f %-9.0f %-9.2f %-9.2f %-11s %s\n' "$s" "$tc" "$(echo "$mb / $tc" | bc -l)" "$ts" \
    "$net" "$(echo "$mb / $net" | bc -l)" "$(echo "$ts / $tc" | bc -l)" "$(echo "$net / $tc" | bc -l)" \
    "$( [ "$r" = "?" ] && echo "?" || echo $((r / 1024)))" "$found"
  rm -f "$f"
done
