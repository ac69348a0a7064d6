#!/usr/bin/env bash
# Benchmark (not a test): the full dump of a big ELF (sections, symbols, relocations) by kpaudit
# side by side with the C tools on the same file, in the same run.
#
#   bench/dump-vs-readelf.sh [ELF] [RUNS]
#
# ELF defaults to the rustc driver library when a Rust toolchain is installed (librustc_driver-*.so,
# about 150 MB, 186k symbols, 118k relocations), else the largest ELF file under /usr/lib, /lib,
# /opt and ~/.rustup. RUNS defaults to 5. Every round runs each command once, starting at another
# one each round, output to /dev/null; the report gives the median and minimum wall time, the peak
# RSS (of the last run, from /usr/bin/time when present) and the ratio of the medians to readelf's
# and to eu-readelf's. Commands that are not installed are skipped: readelf (binutils), eu-readelf
# (elfutils), llvm-readobj (llvm). kpaudit runs through ./kpaudit, as a user runs it; --version and
# the one-line inspect summary are timed too (start-up).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
elf="${1:-}"
runs="${2:-5}"
if [ -z "$elf" ]; then
  elf="$(ls -S "$HOME"/.rustup/toolchains/*/lib/librustc_driver-*.so 2>/dev/null | head -1 || true)"
fi
if [ -z "$elf" ]; then
  elf="$(find /usr/lib /lib /opt "$HOME/.rustup" -xdev -type f -size +1M -printf '%s %p\n' 2>/dev/null \
         | sort -rn | while read -r _ p; do if head -c4 "$p" 2>/dev/null | grep -q ELF; then echo "$p"; break; fi; done)"
fi
[ -n "$elf" ] || { echo "no ELF file found; give one" >&2; exit 2; }
"$here/kpaudit" --version > /dev/null   # builds the jar when it is missing or stale
echo "file:    $elf ($(stat -c %s "$elf") bytes)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo

labels=()
declare -A cmds
add() { labels+=("$1"); cmds["$1"]="$2"; }
q() { printf '%q ' "$@"; }
command -v readelf >/dev/null && add "readelf -W -S -s -r" "$(q readelf -W -S -s -r "$elf")"
command -v eu-readelf >/dev/null && add "eu-readelf -W -S -s -r" "$(q eu-readelf -W -S -s -r "$elf")"
command -v llvm-readobj >/dev/null && add "llvm-readobj JSON -S -s -r" \
  "$(q llvm-readobj --elf-output-style=JSON -S -s -r "$elf")"
for f in json text yaml; do
  add "kpaudit inspect -f $f" "$(q "$here/kpaudit" inspect --sections --symbols --relocs -f "$f" "$elf")"
done
add "kpaudit inspect (summary)" "$(q "$here/kpaudit" inspect "$elf")"
add "kpaudit --version" "$(q "$here/kpaudit" --version)"
add "java -version (bare JVM)" "$(q java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version)"

now() { date +%s%N; }
declare -A times rss
n=${#labels[@]}
for r in $(seq 0 $((runs - 1))); do
  for k in $(seq 0 $((n - 1))); do
    l="${labels[$(( (r + k) % n ))]}"
    t0=$(now); eval "${cmds[$l]}" > /dev/null 2>&1 || true; t1=$(now)
    times["$l"]+="$(( (t1 - t0) / 1000 )) "
  done
done
if [ -x /usr/bin/time ]; then
  for l in "${labels[@]}"; do
    rss["$l"]=$( { eval "/usr/bin/time -f %M ${cmds[$l]}" > /dev/null; } 2>&1 | tail -1)
  done
fi
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { tr ' ' '\n' | grep . | sort -n | head -1; }
ref() { [ -n "${times[$1]:-}" ] && echo "${times[$1]}" | median || echo 0; }
re=$(ref "readelf -W -S -s -r"); eu=$(ref "eu-readelf -W -S -s -r")
printf '%-28s %11s %10s %10s %11s %11s\n' "$runs rounds" "median ms" "min ms" "peak MB" "/ readelf" "/ eu-readelf"
for l in "${labels[@]}"; do
  med=$(echo "${times[$l]}" | median); min=$(echo "${times[$l]}" | minimum)
  awk -v l="$l" -v m="$med" -v n="$min" -v k="${rss[$l]:-0}" -v r="$re" -v e="$eu" 'BEGIN {
    printf "%-28s %11.1f %10.1f %10.1f %11s %11s\n", l, m / 1000, n / 1000, k / 1024,
      (r > 0) ? sprintf("%.2f", m / r) : "-", (e > 0) ? sprintf("%.2f", m / e) : "-" }'
done
