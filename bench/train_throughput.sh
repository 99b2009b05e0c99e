#!/usr/bin/env bash
# Training throughput: kotoba's DL4J GPT vs an equivalent PyTorch GPT (bench/train_gpt_torch.py), same CPU threads,
# same token data, the four configs of issue 5, in one run; prints a markdown table (tokens/s, ratio, MFU).
#
#   bench/train_throughput.sh [SECONDS_PER_SIDE] [CONFIG...]     CONFIG = d:layers:heads, default the four below
#
# Env: BASELINE_CP (classes put ahead of the trainer's, run as an extra side "kotoba-baseline": an older build of
# the model to compare against in the same run), BASELINE_JAVA_OPTS (extra JVM options of that side only; for ND4J's
# plain native build: BASELINE_CP=<nd4j-native-...-linux-x86_64.jar>
# BASELINE_JAVA_OPTS=-Dorg.bytedeco.javacpp.platform.extension= , because JavaCPP tries the oneDNN build first when
# both are on the classpath), THREADS (2), BATCH (16), CONTEXT (128), VOCAB (8000), WARMUP (3),
# OUT ($BENCH_DIR/train_throughput.jsonl, BENCH_DIR default /tmp/kotoba-bench), CORETYPES (side by side in one run:
# every config and matmul probe once per listed OPENBLAS_CORETYPE, both sides alike, e.g. CORETYPES="unset SkylakeX";
# "unset" removes the variable; default: the machine's own setting only), REPEATS (1: how many times each config runs
# every side, in alternating order; the report gives each side's median and the median of the per-repeat ratios,
# with their range, because a 2-vCPU VM's speed drifts by 10-20% within minutes).
# OPENBLAS_CORETYPE and OMP_WAIT_POLICY are left as the machine sets them and apply to both sides alike; on our 2-vCPU
# VMs OMP_WAIT_POLICY=passive sped up both (RESULTS 3f). Needs Debian's python3-torch and the trainer's test classes.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_SIDE=${1:-20}
shift || true
CONFIGS=("$@")
[ ${#CONFIGS[@]} -eq 0 ] && CONFIGS=(64:2:2 128:4:4 256:4:4 384:6:6)
THREADS=${THREADS:-2}; BATCH=${BATCH:-16}; CONTEXT=${CONTEXT:-128}; VOCAB=${VOCAB:-8000}; WARMUP=${WARMUP:-3}
REPEATS=${REPEATS:-1}
[[ "$REPEATS" =~ ^[1-9][0-9]*$ ]] || { echo "REPEATS must be a positive integer, got $REPEATS" >&2; exit 2; }
PY=${PY:-/usr/bin/python3}
OUT=${OUT:-${BENCH_DIR:-/tmp/kotoba-bench}/train_throughput.jsonl}
mkdir -p "$(dirname "$OUT")"
: > "$OUT"
TOKENS=$(dirname "$OUT")/tokens.bin

# Token data both sides read: uniform random ids (throughput does not depend on the text), int32 little-endian.
"$PY" -c "import numpy as np; np.random.default_rng(0).integers(0, $VOCAB, 64*$BATCH*($CONTEXT+1), dtype='<i4').tofile('$TOKENS')"

mvn -q -o -B -pl trainer test-compile
CP_FILE=$(cd "$(dirname "$OUT")" && pwd)/trainer.cp
mvn -q -o -B -pl trainer dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
# Snapshot the compiled classes, so that a rebuild during the run cannot change what later configs measure.
SNAP=$(mktemp -d /tmp/kotoba-bench-classes.XXXXXX)
cp -r trainer/target/classes "$SNAP/classes" && cp -r trainer/target/test-classes "$SNAP/test-classes"
CP="$SNAP/test-classes:$SNAP/classes:$(cat "$CP_FILE")"
JAVA_OPTS=${JAVA_OPTS:-"-Xmx4g -XX:+UseParallelGC"}

CORETYPES=(${CORETYPES:-machine})
# Runs a command with OPENBLAS_CORETYPE as the current side-by-side setting says.
with_core() { case $CT in machine) "$@" ;; unset) env -u OPENBLAS_CORETYPE "$@" ;; *) OPENBLAS_CORETYPE=$CT "$@" ;; esac; }
kotoba() { with_core env OMP_NUM_THREADS=$THREADS java $JAVA_OPTS -cp "$CP" kotoba.trainer.model.TrainThroughputBenchmark "$@" 2>/dev/null | grep '^{'; }
baseline() { with_core env OMP_NUM_THREADS=$THREADS java $JAVA_OPTS ${BASELINE_JAVA_OPTS:-} -Dkotoba.bench.side=kotoba-baseline -cp "$BASELINE_CP:$CP" \
  kotoba.trainer.model.TrainThroughputBenchmark "$@" 2>/dev/null | grep '^{'; }
torch() { with_core "$PY" bench/train_gpt_torch.py "$@" --threads "$THREADS"; }
coretype() { case $CT in machine) echo "${OPENBLAS_CORETYPE:-unset}" ;; *) echo "$CT" ;; esac; }
record() {
  local cfg=$1 ct; ct=$(coretype)
  while read -r line; do
    echo "{\"config\": \"$cfg\", \"openblas_coretype\": \"$ct\", \"repeat\": ${REP:-1}, ${line#\{}" >> "$OUT"; echo "$cfg [$ct] $line" >&2
  done
}

echo "{\"config\": \"-\", \"side\": \"env\", \"cpu\": \"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\", \"threads\": $THREADS, \"openblas_coretype\": \"${OPENBLAS_CORETYPE:-unset}\", \"omp_wait_policy\": \"${OMP_WAIT_POLICY:-unset}\", \"uptime_before\": \"$(uptime | sed 's/.*load average: //')\", \"date\": \"$(date -u +%FT%TZ)\"}" >> "$OUT"

probes() {
  local REP=1
  for CT in "${CORETYPES[@]}"; do
    torch mm --n 1024 | record mm
    kotoba mm 1024 10 | record mm
    [ -z "${BASELINE_CP:-}" ] || baseline mm 1024 10 | record mm
  done
}
probes
for cfg in "${CONFIGS[@]}"; do
  IFS=: read -r d l h <<< "$cfg"
  common=(--vocab "$VOCAB" --context "$CONTEXT" --batch "$BATCH" --d "$d" --layers "$l" --heads "$h"
          --warmup "$WARMUP" --seconds "$SECONDS_PER_SIDE" --min-steps 3)
  for CT in "${CORETYPES[@]}"; do
    for REP in $(seq 1 "$REPEATS"); do
      sides=(kotoba-side baseline-side torch-side untied-side)
      # Even repeats run the sides in reverse order, so that a drift of the VM's speed favours neither side.
      (( REP % 2 == 0 )) && sides=(untied-side torch-side baseline-side kotoba-side)
      for side in "${sides[@]}"; do
        case $side in
          kotoba-side) kotoba train "$TOKENS" "$VOCAB" "$CONTEXT" "$BATCH" "$d" "$l" "$h" "$WARMUP" "$SECONDS_PER_SIDE" 3 | record "$cfg" ;;
          baseline-side) [ -z "${BASELINE_CP:-}" ] || baseline train "$TOKENS" "$VOCAB" "$CONTEXT" "$BATCH" "$d" "$l" "$h" "$WARMUP" "$SECONDS_PER_SIDE" 3 | record "$cfg" ;;
          torch-side) torch train --tokens "$TOKENS" "${common[@]}" | record "$cfg" ;;
          untied-side) [ -n "${NO_UNTIED:-}" ] || torch train --tokens "$TOKENS" "${common[@]}" --untied | record "$cfg" ;;
        esac
      done
    done
  done
done
probes
echo "{\"config\": \"-\", \"side\": \"env-end\", \"uptime_after\": \"$(uptime | sed 's/.*load average: //')\"}" >> "$OUT"

"$PY" bench/train_throughput_report.py "$OUT"
