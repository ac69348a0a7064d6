#!/usr/bin/env bash
# Benchmark (not a test): `kpaudit check` of a real patch against a large shared library, side by
# side with `readelf -W -S -s -r` of the same library, in the same run. Prints both times and the
# ratio. The patch's build-id is not the library's, so every target check runs against it (the
# build-id mismatch is reported, and the section/function/reach checks still compare).
#
#   bench/check-vs-readelf.sh [LIBRARY] [PATCH] [RUNS]
#
# LIBRARY defaults to the biggest *.so* under /usr/lib and /lib; PATCH to b_shared_lib's (a library
# patch with imports).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="${1:-}"
patch="${2:-$here/samples/libcare/b_shared_lib/patch/3c2025b52044e37e2713275f1a07bcaf276e0472.kpatch}"
runs="${3:-5}"
if [ -z "$lib" ]; then
  lib="$(find /usr/lib /lib -xdev -type f -name '*.so*' -size +1M -printf '%s %p\n' 2>/dev/null \
         | sort -rn | while read -r _ p; do if head -c4 "$p" | grep -q ELF; then echo "$p"; break; fi; done)"
fi
command -v readelf >/dev/null || { echo "readelf not found" >&2; exit 2; }
jar="$here/cli/target/kpaudit.jar"
[ -f "$jar" ] || (cd "$here" && mvn -q -B -DskipTests package) >&2
out="$here/bench/out"; mkdir -p "$out"
echo "library: $lib ($(stat -c %s "$lib") bytes)"
echo "patch:   $patch"

# Each kpaudit run is a new JVM; the JVM start-up (java -jar ... --version) is measured
# separately, and the check is also timed inside one JVM (first and warm runs).
now() { date +%s%N; }
best_readelf=""
for i in $(seq "$runs"); do
  t0=$(now); readelf -W -S -s -r "$lib" > "$out/readelf.txt"; t1=$(now)
  d=$(( (t1 - t0) / 1000 ))
  if [ -z "$best_readelf" ] || [ "$d" -lt "$best_readelf" ]; then best_readelf=$d; fi
done
java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)
best_cold=""
for i in $(seq "$runs"); do
  t0=$(now); java "${java_opts[@]}" -jar "$jar" check -f json --target "$lib" "$patch" > "$out/check.json" || true; t1=$(now)
  d=$(( (t1 - t0) / 1000 ))
  if [ -z "$best_cold" ] || [ "$d" -lt "$best_cold" ]; then best_cold=$d; fi
done
t0=$(now); java "${java_opts[@]}" -jar "$jar" --version > /dev/null; t1=$(now)
jvm=$(( (t1 - t0) / 1000 ))
work=$(( best_cold - jvm ))
echo "readelf -W -S -s -r:           ${best_readelf} us (best of $runs)"
echo "kpaudit check (whole process): ${best_cold} us (best of $runs)"
echo "JVM start + --version:         ${jvm} us"
echo "kpaudit check minus JVM start: ${work} us"
# in one JVM: the first run (class loading and JIT included) and the best of 5 warm runs
mkdir -p "$out/harness"
cat > "$out/harness/BenchCheck.java" <<'JAVA'
public class BenchCheck {
    public static void main(String[] a) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            org.kpaudit.cli.Main.run(a, new java.io.PrintWriter(new java.io.StringWriter()),
                    new java.io.PrintWriter(new java.io.StringWriter()));
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
mapfile -t inproc < <(java "${java_opts[@]}" -cp "$jar:$out/harness" BenchCheck check -f json --target "$lib" "$patch")
echo "in one JVM, first check:       ${inproc[0]} us (class loading included)"
echo "in one JVM, warm check:        ${inproc[1]} us (best of 5)"
awk -v c="$best_cold" -v w="$work" -v f="${inproc[0]}" -v h="${inproc[1]}" -v r="$best_readelf" 'BEGIN {
  printf "ratio check/readelf, whole process:     %.3f\n", c / r;
  printf "ratio check/readelf, minus JVM start:   %.3f\n", (w < 0 ? 0 : w) / r;
  printf "ratio check/readelf, first in-JVM run:  %.3f\n", f / r;
  printf "ratio check/readelf, warm in-JVM run:   %.3f\n", h / r }'
