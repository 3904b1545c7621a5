#!/usr/bin/env bash
# The end-to-end performance run of docs/performance.md: generates the corpus with a fixed
# seed, then measures P1 (overhead over parsing), P3 (scaling), P4 (peak memory), P5
# (start-up) and the 10,000-article policy set, and prints the ratios against the targets.
#
#   bench/run.sh [WORK_DIR]      # default WORK_DIR: /tmp/charter-bench
#
# Timings use /usr/bin/time (GNU time, `-f`): wall seconds, CPU seconds and peak RSS. Each
# measurement is the best of RUNS runs (default 3), as the minimum is the least disturbed.
# hyperfine is used for P5 when installed (Debian: `apt-get install hyperfine`).
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=${1:-/tmp/charter-bench}
RUNS=${RUNS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { echo "needs GNU time (/usr/bin/time)"; exit 1; }
fi
if ! command -v hyperfine >/dev/null; then
  apt-get install -y hyperfine >/dev/null 2>&1 || true
fi

# The `profiling` profile (Cargo.toml): release code with line tables, so that perf or
# valgrind can be pointed at the very binaries measured here.
cargo build --profile profiling --bins --quiet
BIN="$TARGET/profiling"
CHARTER="$BIN/charter"
POLICIES=policies

# --- the corpus (same seed, same bytes on every machine) -----------------------------------
[ -d "$WORK/c10000" ] || "$BIN/charter-corpus" agreements --count 10000 --out "$WORK/c10000"
[ -d "$WORK/c1000" ] || "$BIN/charter-corpus" agreements --count 1000 --out "$WORK/c1000"
for n in 12500 25000 50000 100000; do
  [ -f "$WORK/large-$n.yaml" ] || "$BIN/charter-corpus" large --clauses "$n" --out "$WORK/large-$n.yaml"
done
[ -f "$WORK/policies-10000.charter" ] ||
  "$BIN/charter-corpus" policies --articles 10000 --out "$WORK/policies-10000.charter"
[ -f "$WORK/small/record.yaml" ] || { mkdir -p "$WORK/small"; cp examples/joint-lab.yaml "$WORK/small/record.yaml"; }

# best WALL CPU RSS over RUNS runs of a command (its exit status is ignored: findings exit 1).
# time writes to a file (`-o`): its stderr is the command's, which is silenced.
measure() {
  local best="" out="$WORK/.time"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$out" -f "%e %U %S %M" "$@" >/dev/null 2>/dev/null || true
    best=$(printf '%s\n%s\n' "$best" "$(tail -1 "$out")" | awk 'NF==4' | sort -n | head -1)
  done
  echo "$best" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo

echo "== P1 overhead: 10,000 agreements, charter check vs parsing alone (target <= 1.25x)"
read -r bw bc _ < <(measure "$BIN/yaml-baseline" "$WORK/c10000")
read -r cw cc _ < <(measure "$CHARTER" check --policy "$POLICIES" "$WORK/c10000" --format json)
echo "baseline ${bw}s wall ${bc}s cpu; charter ${cw}s wall ${cc}s cpu"
echo "P1 ratio: $(ratio "$cw" "$bw") wall, $(ratio "$cc" "$bc") cpu"
echo

echo "== P3 scaling: one agreement (target 100,000 clauses <= 2 s, each doubling <= 2.2x)"
prev=""
for n in 12500 25000 50000 100000; do
  read -r w c _ < <(measure "$CHARTER" check --policy "$POLICIES" "$WORK/large-$n.yaml" --format json)
  read -r pw _ _ < <(measure "$BIN/yaml-baseline" "$WORK/large-$n.yaml")
  step=""
  [ -n "$prev" ] && step=" doubling $(ratio "$w" "$prev")x"
  echo "P3 $n clauses: ${w}s wall ${c}s cpu (parse alone ${pw}s)$step"
  prev=$w
done
echo

echo "== P4 peak RSS (target: flat)"
for format in json sarif human; do
  read -r _ _ r1 < <(measure "$CHARTER" check --policy "$POLICIES" "$WORK/c1000" --format $format)
  read -r _ _ r10 < <(measure "$CHARTER" check --policy "$POLICIES" "$WORK/c10000" --format $format)
  echo "P4 $format: 1,000 agreements ${r1} KB; 10,000 agreements ${r10} KB; ratio $(ratio "$r10" "$r1")"
done
echo

echo "== P5 start-up: one small file (target <= 10 ms)"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 50 --export-json "$WORK/p5.json" \
    "$CHARTER check $WORK/small/record.yaml" 2>/dev/null | grep -E "Time|Range"
else
  read -r w _ _ < <(RUNS=10 measure "$CHARTER" check "$WORK/small/record.yaml")
  echo "P5 ${w}s (best of 10; /usr/bin/time resolves 10 ms)"
fi
echo

echo "== policy set: 10,000 articles parse + resolve (target <= 100 ms)"
mkdir -p "$WORK/p10k"
cp "$WORK/policies-10000.charter" "$POLICIES"/*.charter "$WORK/p10k/"
read -r w c rss < <(measure "$CHARTER" check --policy "$WORK/p10k" "$WORK/small/record.yaml" --format json)
read -r w0 _ _ < <(measure "$CHARTER" check --policy "$POLICIES" "$WORK/small/record.yaml" --format json)
echo "policy 10,000 articles: ${w}s wall for check of one small record (standard library: ${w0}s)"
echo

echo "== human report vs JSON: one agreement of 100,000 clauses (target human <= 1.5x json)"
read -r jw jc _ < <(measure "$CHARTER" check --policy "$POLICIES" "$WORK/large-100000.yaml" --format json)
read -r hw hc _ < <(measure "$CHARTER" check --policy "$POLICIES" "$WORK/large-100000.yaml" --format human)
lines=$("$CHARTER" check --policy "$POLICIES" "$WORK/large-100000.yaml" --format human 2>/dev/null | wc -l || true)
echo "json ${jw}s wall ${jc}s cpu; human ${hw}s wall ${hc}s cpu, ${lines} lines; ratio $(ratio "$hw" "$jw") wall, $(ratio "$hc" "$jc") cpu"
echo

echo "== fmt --check vs lint on the generated policy (target fmt <= 2x lint, doubling <= 2.2x)"
[ -f "$WORK/policies-20000.charter" ] ||
  "$BIN/charter-corpus" policies --articles 20000 --out "$WORK/policies-20000.charter"
prev=""
for n in 10000 20000; do
  read -r fw fc _ < <(measure "$CHARTER" fmt --check "$WORK/policies-$n.charter")
  read -r lw lc _ < <(measure "$CHARTER" lint --policy "$WORK/policies-$n.charter")
  step=""
  [ -n "$prev" ] && step="; fmt doubling $(ratio "$fc" "$prev")x cpu"
  echo "$n articles: fmt --check ${fw}s wall ${fc}s cpu, lint ${lw}s wall ${lc}s cpu; ratio $(ratio "$fc" "$lc") cpu$step"
  prev=$fc
done
