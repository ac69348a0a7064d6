#!/usr/bin/env bash
# Benchmark (not a test): `kpaudit check` of a real patch against a large shared library, side by
# side with `readelf -W -S -s -r` of the same library, in the same run. The patch's build-id is not
# the library's, so every target check runs against it (the build-id mismatch is reported, and the
# section/function/reach checks still compare).
#
#   bench/check-vs-readelf.sh [LIBRARY] [PATCH] [RUNS]
#
# LIBRARY defaults to the biggest *.so* under /usr/lib and /lib; PATCH to b_shared_lib's (a library
# patch with imports); RUNS to 7. Each round runs every command once, in turn and starting at
# another one each round (so a busy machine slows all of them alike), with the output going to
# /dev/null; the report gives the median and the minimum wall time of each, and the ratios of the
# medians. kpaudit runs with the JVM command line ./kpaudit uses (its options and
# the class data sharing archive cli/target/kpaudit.jsa), and once more without the archive (the
# JDK's default archive only); `./kpaudit` itself (the launcher: bash, a staleness check, then
# java) is measured too. Last, the check is timed inside one JVM: the first run (class loading and
# cold code included) and the best warm run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="${1:-}"
patch="${2:-$here/samples/libcare/b_shared_lib/patch/3c2025b52044e37e2713275f1a07bcaf276e0472.kpatch}"
runs="${3:-7}"
if [ -z "$lib" ]; then
  lib="$(find /usr/lib /lib -xdev -type f -name '*.so*' -size +1M -printf '%s %p\n' 2>/dev/null \
         | sort -rn | while read -r _ p; do if head -c4 "$p" | grep -q ELF; then echo "$p"; break; fi; done)"
fi
command -v readelf >/dev/null || { echo "readelf not found" >&2; exit 2; }
# the launcher builds the jar and the archive when they are missing or stale
"$here/kpaudit" --version > /dev/null
mapfile -t with_cds < <(KPAUDIT_PRINT_COMMAND=1 "$here/kpaudit")
without_cds=()
for w in "${with_cds[@]}"; do
  case "$w" in -XX:SharedArchiveFile=*) ;; *) without_cds+=("$w") ;; esac
done
jar="${with_cds[-1]}"
out="$here/bench/out"; mkdir -p "$out"
echo "library: $lib ($(stat -c %s "$lib") bytes)"
echo "patch:   $patch"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "kpaudit: ${with_cds[*]}"
echo

labels=()
declare -A cmds
add() { labels+=("$1"); cmds["$1"]="$2"; }
q() { printf '%q ' "$@"; }
add "readelf -W -S -s -r" "$(q readelf -W -S -s -r "$lib")"
add "check (yaml), archive" "$(q "${with_cds[@]}" check --target "$lib" "$patch")"
add "check -f json, archive" "$(q "${with_cds[@]}" check -f json --target "$lib" "$patch")"
add "check (yaml), no archive" "$(q "${without_cds[@]}" check --target "$lib" "$patch")"
add "check -f json, no archive" "$(q "${without_cds[@]}" check -f json --target "$lib" "$patch")"
add "./kpaudit check (yaml)" "$(q "$here/kpaudit" check --target "$lib" "$patch")"
add "--version, archive" "$(q "${with_cds[@]}" --version)"
add "--version, no archive" "$(q "${without_cds[@]}" --version)"

now() { date +%s%N; }
declare -A times
n=${#labels[@]}
for r in $(seq 0 $((runs - 1))); do
  # each round starts at another command, so none always follows the same one
  for k in $(seq 0 $((n - 1))); do
    l="${labels[$(( (r + k) % n ))]}"
    t0=$(now); eval "${cmds[$l]}" > /dev/null 2>&1 || true; t1=$(now)
    times["$l"]+="$(( (t1 - t0) / 1000 )) "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { tr ' ' '\n' | grep . | sort -n | head -1; }
re_med=$(echo "${times["readelf -W -S -s -r"]}" | median)
printf '%-28s %12s %12s %18s\n' "whole process, $runs rounds" "median (ms)" "min (ms)" "median / readelf"
for l in "${labels[@]}"; do
  med=$(echo "${times[$l]}" | median); min=$(echo "${times[$l]}" | minimum)
  awk -v l="$l" -v m="$med" -v n="$min" -v r="$re_med" \
    'BEGIN { printf "%-28s %12.1f %12.1f %18.3f\n", l, m / 1000, n / 1000, m / r }'
done

# in one JVM, with the same options: the first run (class loading and cold code included) and the
# best of 5 warm runs
mkdir -p "$out/harness"
cat > "$out/harness/BenchCheck.java" <<'JAVA'
public class BenchCheck {
    public static void main(String[] a) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            org.kpaudit.cli.Main.run(a, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()));
            long d = (System.nanoTime() - t0) / 1000;
            if (i == 0) {
                System.out.println(d);
            } else {
                best = Math.min(best, d);
            }
        }
        System.out.println(best);
    }
}
JAVA
javac -cp "$jar" -d "$out/harness" "$out/harness/BenchCheck.java"
harness=("${with_cds[@]:0:${#with_cds[@]}-2}" -cp "$jar:$out/harness" BenchCheck)
mapfile -t inproc < <("${harness[@]}" check --target "$lib" "$patch")
echo
awk -v f="${inproc[0]}" -v h="${inproc[1]}" -v r="$re_med" 'BEGIN {
  printf "%-28s %12.1f %12s %18.3f\n", "in one JVM, first check", f / 1000, "", f / r;
  printf "%-28s %12.1f %12s %18.3f\n", "in one JVM, warm check", h / 1000, "(best of 5)", h / r }'
