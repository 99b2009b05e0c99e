#!/usr/bin/env bash
# Data-parallel efficiency of kotoba's Spark trainer (parameter averaging): the same GPT on local[1] and local[2],
# one core per worker (OMP_NUM_THREADS=1), batch per worker fixed, averaging every F steps. Efficiency =
# tokens/s(2 workers) / (2 * tokens/s(1 worker)). Prints the JSON lines and the efficiency, for kotoba's worker that
# keeps its network between rounds ("reuse") and, in the same run, DL4J's worker that rebuilds it ("rebuild"), then
# the machine's ceiling for the same work without Spark (CEILING=0 skips it). JAVA_OPTS go to every JVM.
#
#   bench/train_throughput_spark.sh [F] [ROUNDS] [d:layers:heads]     defaults 8, 2, 128:4:4
set -euo pipefail
cd "$(dirname "$0")/.."
F=${1:-8}; ROUNDS=${2:-2}; CFG=${3:-128:4:4}
IFS=: read -r D L H <<< "$CFG"
BATCH=${BATCH:-16}; CONTEXT=${CONTEXT:-128}; VOCAB=${VOCAB:-8000}
PY=${PY:-/usr/bin/python3}
OUT=${OUT:-${BENCH_DIR:-/tmp/kotoba-bench}/train_throughput_spark.jsonl}
mkdir -p "$(dirname "$OUT")"
: > "$OUT"
TOKENS=$(dirname "$OUT")/tokens.bin
[ -f "$TOKENS" ] || "$PY" -c "import numpy as np; np.random.default_rng(0).integers(0, $VOCAB, 64*$BATCH*($CONTEXT+1), dtype='<i4').tofile('$TOKENS')"
mvn -q -o -B -pl trainer test-compile
CP_FILE=$(cd "$(dirname "$OUT")" && pwd)/trainer.cp
mvn -q -o -B -pl trainer dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="trainer/target/test-classes:trainer/target/classes:$(cat "$CP_FILE")"
OPENS="-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
echo "load before: $(uptime | sed 's/.*load average: //')" >&2
for worker in ${WORKER_KINDS:-reuse rebuild}; do
  for workers in 1 2; do
    OMP_NUM_THREADS=1 java $OPENS -Xmx6g ${JAVA_OPTS:-} -cp "$CP" kotoba.trainer.spark.SparkThroughputBenchmark \
      "$TOKENS" "$VOCAB" "$CONTEXT" "$BATCH" "$D" "$L" "$H" "$workers" "$F" "$ROUNDS" "$worker" 2>/dev/null \
      | grep '^{' | tee -a "$OUT"
  done
done
# The machine's own ceiling, no Spark: the same model trained by one single-thread JVM alone, then by two at once
# (TrainThroughputBenchmark, as long as a Spark round). Two 1-core workers cannot beat two independent processes.
if [ "${CEILING:-1}" = 1 ]; then
  SECS=$(grep '"workers": 1,' "$OUT" | head -1 | sed 's/.*seconds_per_round": \([0-9.]*\).*/\1/')
  SECS=$(printf '%.0f' "${SECS:-15}")
  solo() { OMP_NUM_THREADS=1 java -Xmx3g ${JAVA_OPTS:-} -Dkotoba.bench.side="$1" -cp "$CP" \
    kotoba.trainer.model.TrainThroughputBenchmark train "$TOKENS" "$VOCAB" "$CONTEXT" "$BATCH" "$D" "$L" "$H" 3 "$SECS" 3 \
    2>/dev/null | grep '^{'; }
  solo alone | tee -a "$OUT"
  solo pair-a > "$OUT.pair" & solo pair-b | tee -a "$OUT"; wait; tee -a "$OUT" < "$OUT.pair"; rm -f "$OUT.pair"
fi
echo "load after: $(uptime | sed 's/.*load average: //')" >&2
"$PY" - "$OUT" <<'PYEOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
rows = {(r.get("worker", "rebuild"), r["workers"]): r for r in lines if "workers" in r}
solo = {r["side"]: r["tokens_per_s"] for r in lines if "workers" not in r}
if {"alone", "pair-a", "pair-b"} <= solo.keys():
    print(f"ceiling without Spark: two independent 1-thread trainers at once run {(solo['pair-a'] + solo['pair-b']) / 2:.0f}"
          f" tok/s each against {solo['alone']:.0f} alone: "
          f"{100 * (solo['pair-a'] + solo['pair-b']) / (2 * solo['alone']):.0f}%")
for kind in ("reuse", "rebuild"):
    one, two = rows.get((kind, 1)), rows.get((kind, 2))
    if one and two:
        e = two["tokens_per_s"] / (2 * one["tokens_per_s"])
        print(f"{kind:8s} data-parallel efficiency 1 -> 2 workers: {100 * e:.0f}% (averaging every "
              f"{two['averaging_frequency']} steps; s/round {one['seconds_per_round']:.2f} / "
              f"{two['seconds_per_round']:.2f}; loss {one['loss']:.3f} / {two['loss']:.3f})")
for w in (1, 2):
    a, b = rows.get(("reuse", w)), rows.get(("rebuild", w))
    if a and b:
        print(f"{w} worker(s): reuse / rebuild tokens/s = {a['tokens_per_s'] / b['tokens_per_s']:.2f}x")
PYEOF
