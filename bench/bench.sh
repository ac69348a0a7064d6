#!/usr/bin/env bash
# kpaudit benchmarks, measured side by side with readelf (and eu-readelf when installed) in one run.
#
#   bench/bench.sh [LARGE_ELF]          all measurements; LARGE_ELF defaults to the biggest .so found
#   BENCH_RUNS=7 bench/bench.sh ...     more runs per whole-process measurement (median is reported)
#   BENCH_SKIP_JMH=1 / BENCH_SKIP_SCAN=1 to leave a part out
#
# Prints a Markdown report on stdout and keeps raw results in bench/out/. No timed assertions:
# the figures go into docs/benchmarks.md by hand, with the machine and the date.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
runs=${BENCH_RUNS:-5}

target=${1:-}
if [ -z "$target" ]; then
  target=$(find /usr/lib /lib /usr/local/lib /opt "$HOME" -xdev -name '*.so*' -type f -size +1M -printf '%s %p\n' 2>/dev/null \
           | sort -n | tail -1 | cut -d' ' -f2-)
fi
[ -f "$target" ] || { echo "bench: no large ELF found; pass one as argument" >&2; exit 2; }

echo "bench: building (mvn -q -B -DskipTests package)..." >&2
# one reactor run, so that the bench classpath resolves the modules from their target/ folders
# (a clean machine has none of them in ~/.m2)
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
jar=cli/target/kpaudit.jar
cp="bench/target/classes:$(cat bench/target/cp.txt)"
./kpaudit --version > /dev/null   # builds the class data sharing archive when missing
# kpaudit as ./kpaudit runs it (C1 only, serial GC, the CDS archive), and with the JDK's default JIT and GC
mapfile -t kp < <(KPAUDIT_PRINT_COMMAND=1 ./kpaudit)
kpjit=(java -Xlog:cds=off -XX:SharedArchiveFile=cli/target/kpaudit.jsa -jar "$jar")

have() { command -v "$1" >/dev/null 2>&1; }
if { ! have eu-readelf || [ ! -x /usr/bin/time ]; } && [ "$(id -u)" = 0 ] && have apt-get; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq elfutils time >/dev/null 2>&1 || true
fi

# median wall time (s) and max RSS (KB) of a command over $runs runs; stdout discarded
measure() {
  local times=() rss=0 line t m tf
  tf=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tf" -f '%e %M' "$@" > /dev/null 2>&1 || true
    line=$(tail -1 "$tf")
    t=${line% *}; m=${line#* }
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  rm -f "$tf"
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$med $rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

size=$(stat -c %s "$target")
echo "# kpaudit benchmarks"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1)"
echo "- readelf: $(readelf --version | head -1); eu-readelf: $(have eu-readelf && eu-readelf --version | head -1 || echo 'not installed')"
echo "- large ELF: \`$target\` ($size bytes; $(readelf -W -S "$target" | grep -cE '^\s+\[') sections)"
echo "- whole-process figures are the median of $runs runs (wall time), max RSS over the runs"
echo

echo "## Parse of a large ELF"
echo
read -r re_t re_m < <(measure readelf -W -S -s -r "$target")
echo "| what | time (s) | max RSS (MB) | ratio to readelf |"
echo "|---|---:|---:|---:|"
echo "| \`readelf -W -S -s -r\` | $re_t | $((re_m / 1024)) | 1.00 |"
if have eu-readelf; then
  read -r eu_t eu_m < <(measure eu-readelf -W -S -s -r "$target")
  echo "| \`eu-readelf -W -S -s -r\` | $eu_t | $((eu_m / 1024)) | $(ratio "$eu_t" "$re_t") |"
fi
read -r ks_t ks_m < <(measure "${kp[@]}" inspect "$target")
echo "| \`kpaudit inspect\` (summary; whole process incl. JVM start) | $ks_t | $((ks_m / 1024)) | $(ratio "$ks_t" "$re_t") |"
read -r kf_t kf_m < <(measure "${kp[@]}" inspect --sections --symbols --relocs -f json "$target")
echo "| \`kpaudit inspect --sections --symbols --relocs -f json\` (whole process, prints ~readelf's facts) | $kf_t | $((kf_m / 1024)) | $(ratio "$kf_t" "$re_t") |"
read -r kj_t kj_m < <(measure "${kpjit[@]}" inspect --sections --symbols --relocs -f json "$target")
echo "| same with the JDK's default JIT and GC | $kj_t | $((kj_m / 1024)) | $(ratio "$kj_t" "$re_t") |"
if [ -z "${BENCH_SKIP_JMH:-}" ]; then
  java -cp "$cp" org.openjdk.jmh.Main 'ElfParseBenchmark' -p file="$target" -rf json -rff "$out/jmh-parse.json" \
       > "$out/jmh-parse.txt" 2>&1
  for b in open parseAll; do
    ms=$(python3 -c "import json,sys; d=json.load(open('$out/jmh-parse.json')); print(next('%.3f' % x['primaryMetric']['score'] for x in d if x['benchmark'].endswith('.$b')))")
    err=$(python3 -c "import json,sys; d=json.load(open('$out/jmh-parse.json')); print(next('%.3f' % x['primaryMetric']['scoreError'] for x in d if x['benchmark'].endswith('.$b')))")
    echo "| JMH \`ElfParseBenchmark.$b\` (in one JVM, steady state) | $(awk -v m="$ms" 'BEGIN{printf "%.4f", m/1000}') (± $err ms) | | $(ratio "$(awk -v m="$ms" 'BEGIN{print m/1000}')" "$re_t") |"
  done
fi
echo

if [ -x bench/check-vs-readelf.sh ]; then
  bench/check-vs-readelf.sh "$target" || true
  echo
fi

if [ -z "${BENCH_SKIP_SCAN:-}" ]; then
  echo "## Directory scan"
  echo
  tree="$out/scan-tree"
  rm -rf "$tree"; mkdir -p "$tree"
  n=0
  while IFS= read -r f; do
    n=$((n + 1)); ln -s "$f" "$tree/$(printf '%05d' $n)-$(basename "$f")"
  done < <(find /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu -maxdepth 2 -name '*.so*' -type f 2>/dev/null | sort -u | head -1500)
  count=$(find "$tree" -type l | wc -l)
  bytes=$(find -L "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  read -r rs_t rs_m < <(measure sh -c "find -L '$tree' -type f -print0 | xargs -0 readelf -W -S -s -r")
  read -r kd_t kd_m < <(measure "${kp[@]}" inspect -f json "$tree")
  read -r kdj_t kdj_m < <(measure "${kpjit[@]}" inspect -f json "$tree")
  read -r kdf_t kdf_m < <(measure "${kpjit[@]}" inspect --sections --symbols --relocs -f json "$tree")
  echo "$count files ($((bytes / 1048576)) MiB) linked from the machine's library folders."
  echo
  echo "| what | time (s) | max RSS (MB) | ratio to readelf |"
  echo "|---|---:|---:|---:|"
  echo "| \`readelf -W -S -s -r\` over every file (xargs) | $rs_t | $((rs_m / 1024)) | 1.00 |"
  echo "| \`kpaudit inspect DIR\` (one JVM, as ./kpaudit runs it) | $kd_t | $((kd_m / 1024)) | $(ratio "$kd_t" "$rs_t") |"
  echo "| same with the JDK's default JIT and GC | $kdj_t | $((kdj_m / 1024)) | $(ratio "$kdj_t" "$rs_t") |"
  echo "| \`kpaudit inspect --sections --symbols --relocs DIR\` (one JVM, default JIT; prints ~readelf's facts) | $kdf_t | $((kdf_m / 1024)) | $(ratio "$kdf_t" "$rs_t") |"
  echo
fi

echo "## Start-up"
echo
read -r v_t v_m < <(measure java -jar "$jar" --version)
echo "| what | time (s) | max RSS (MB) |"
echo "|---|---:|---:|"
echo "| \`java -jar kpaudit.jar --version\` (no archive, default JIT) | $v_t | $((v_m / 1024)) |"
read -r c_t c_m < <(measure "${kp[@]}" --version)
echo "| the same with ./kpaudit's JVM options and class data sharing archive | $c_t | $((c_m / 1024)) |"
read -r l_t l_m < <(measure ./kpaudit --version)
echo "| \`./kpaudit --version\` (launcher, as users run it) | $l_t | $((l_m / 1024)) |"
