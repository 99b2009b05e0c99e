#!/usr/bin/env bash
# kotoba's tokenizer vs SentencePiece (spm_train / spm_encode) on the same text, in the same run:
#   bench/tokenizer_bench.sh          (env: BENCH_DIR, CORES=2, MATRIX, ENC_PASSES=5, BENCH_SNAPSHOT=reuse)
# MATRIX lists model_type:vocab_size pairs, default "unigram:8000 bpe:8000 unigram:32000 bpe:32000" (about 18
# minutes on 2 quiet cores, snapshot build included).
# For each pair:
#   training   `bin/kotoba tokenizer train` in local[$CORES] on the docs' train split vs
#              `spm_train --num_threads $CORES` on the same split exported as lines (what the stage trains on);
#              wall time, peak RSS of both, and kotoba's peak heap from its GC log.
#   compression bytes per token on the val split (kotoba's model by kotoba, spm's model by spm_encode).
#   encoding   single-thread MB/s pinned to one core (taskset -c 0): kotoba's Tokenizer.encode in a warm JVM vs
#              spm_encode (single-threaded in 0.1.97), on each model; plus a parity check of the ids on the val text.
# The docs come from the corpus stage run into $BENCH_DIR/corpus-data (run here, untimed, if missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CORES=${CORES:-2}
MATRIX=${MATRIX:-"unigram:8000 bpe:8000 unigram:32000 bpe:32000"}
ENC_PASSES=${ENC_PASSES:-5}
ENC_REPEAT=${ENC_REPEAT:-8}
need /usr/bin/time "apt-get install time"
need spm_train "apt-get install sentencepiece"
need taskset "util-linux"
use_snapshot
build_harness
JAVA_FLAGS="$(kotoba_jvm_opens) -Dlog4j2.configurationFile=$SNAP/src/conf/log4j2.properties"
harness() { java $JAVA_FLAGS -Xmx4g -cp "$HARNESS_CP" "$@"; }

# kotoba's tokenizer defaults, so spm gets the same values (read from the embedded config, not repeated here).
conf_value() { grep -E "^\s*$1\s*=" "$SNAP/src/conf/local.conf" | head -1 | sed -E 's/^[^=]*=\s*//; s/\s*#.*$//'; }
coverage=$(conf_value character_coverage)
byte_fallback=$(conf_value byte_fallback)
[ -n "$coverage" ] && [ -n "$byte_fallback" ] || die "cannot read tokenizer defaults from local.conf"

data=$BENCH_DIR/corpus-data
if [ ! -f "$data/corpus/_manifest.json" ]; then
  echo "(running the corpus stage into $data first, untimed)" >&2
  corpus_cmd "$data" "$CORES"
  "${CORPUS_CMD[@]}" >"$BENCH_DIR/corpus-for-tokenizer.log" 2>&1 || die "corpus stage failed"
fi
text=$BENCH_DIR/text
mkdir -p "$text"
if [ ! -s "$text/train.txt" ] || [ "$data/corpus/_manifest.json" -nt "$text/train.txt" ]; then
  harness kotoba.bench.ExportLines "$data/corpus/docs" train "$text/train.txt" >"$text/train.count" 2>"$text/export.log"
  harness kotoba.bench.ExportLines "$data/corpus/docs" val "$text/val.txt" >"$text/val.count" 2>>"$text/export.log"
fi
for split in train val; do
  [ -s "$text/$split.count" ] || LC_ALL=C awk '{s += length($0)} END {print NR, s}' "$text/$split.txt" >"$text/$split.count"
done
rm -f "$text/enc.txt"
for _ in $(seq "$ENC_REPEAT"); do cat "$text/val.txt" >>"$text/enc.txt"; done
head -1 "$text/val.txt" >"$text/one.txt"

print_header "tokenizer vs sentencepiece $(spm_train --version 2>&1 | head -1)" \
  "$(quoted "$0") with MATRIX=\"$MATRIX\" CORES=$CORES ENC_PASSES=$ENC_PASSES"
echo "train text: $(cat "$text/train.count") (lines, UTF-8 bytes); val text: $(cat "$text/val.count")"
echo "spm_train options: --num_threads=$CORES --character_coverage=$coverage --byte_fallback=$byte_fallback" \
     "--input_sentence_size=0 (spm's default: load every sentence, no sampling; kotoba's default is the same)," \
     "everything else at spm's defaults, which kotoba's config repeats"

# Peak heap seen by the GC: the largest "before" and "after" of "NNNM->NNNM(NNNM)" in a -Xlog:gc log.
gc_peaks() {
  grep -oE '[0-9]+M->[0-9]+M' "$1" | awk -F'->' '{b=$1+0; a=$2+0; if (b>mb) mb=b; if (a>ma) ma=a} END {printf "%d %d\n", mb, ma}'
}
# ids files -> number of lines that are identical.
same_lines() { paste -d'\t' "$1" "$2" | awk -F'\t' '$1==$2 {n++} END {print n+0}'; }
# spm_encode wall seconds for a file, best of 3, pinned to core 0.
spm_encode_s() {
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    taskset -c 0 spm_encode --model="$1" --output_format=id "$2" >/dev/null
    t1=$(date +%s.%N)
    best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN { d = b - a; if (best == "" || d < best) best = d; printf "%.4f", best }')
  done
  echo "$best"
}
kv() { grep "^$1=" "$2" | cut -d= -f2; }

enc_bytes=$(LC_ALL=C awk '{s += length($0)} END {print s}' "$text/enc.txt")
rm -f "$BENCH_DIR/commands.txt"

declare -a train_rows=() comp_rows=() enc_rows=() parity_rows=()
tables() {
  echo
  echo "## training wall time (local[$CORES] vs --num_threads=$CORES), ratio kotoba/spm (target <= 1.0, goal 0.5)"
  echo "| model | kotoba s | spm s | kotoba/spm | kotoba CPU s | spm CPU s | CPU kotoba/spm | spm peak RSS | kotoba peak RSS (one JVM: driver + executors) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${train_rows[@]}"
  echo
  echo "## held-out compression: UTF-8 bytes per token on the val text ($(cat "$text/val.count")), kotoba/spm (target >= 0.99)"
  echo "| model | kotoba B/tok | spm B/tok | kotoba/spm | tokens kotoba / spm |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${comp_rows[@]}"
  echo
  echo "## encoding, one core (taskset -c 0), $(awk -v b="$enc_bytes" 'BEGIN { printf "%.2f", b / 1e6 }') MB (val text x $ENC_REPEAT), kotoba/spm (target >= 1.0, goal 1.5)"
  echo "kotoba: median of $ENC_PASSES timed passes after 3 warm-up passes, in memory; spm: best of 3 spm_encode runs, ids to /dev/null"
  echo "| model | model file | kotoba MB/s | spm MB/s | kotoba/spm | kotoba/spm net of load |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${enc_rows[@]}"
  echo
  echo "## parity on the val lines: identical id sequences, kotoba's encoder vs spm_encode"
  echo "| model | spm's .model | kotoba's .model |"
  echo "|---|---|---|"
  printf '%s\n' "${parity_rows[@]}"
  echo
}
# Rows so far, rewritten after each model so an interrupted run still leaves its finished rows behind.
partial=$BENCH_DIR/tokenizer_bench.partial.md
for cell in $MATRIX; do
  type=${cell%%:*}; vocab=${cell##*:}
  name=$type-$((vocab / 1000))k
  dir=$BENCH_DIR/tok/$name
  rm -rf "$dir" && mkdir -p "$dir"
  echo "== $name" >&2

  # training, kotoba: the stage on the docs, with a GC log for the heap.
  kcmd=("$KOTOBA" tokenizer train --force --set "spark.master=\"local[$CORES]\"" --set "paths.data=\"$data\""
        --set "tokenizer.output=\"$dir/kotoba\"" --set "tokenizer.model_type=$type" --set "tokenizer.vocab_size=$vocab")
  KOTOBA_JAVA_OPTS="-Xmx6g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=14G -Xlog:gc:file=$dir/kotoba-gc.log" \
    timed "$dir/kotoba-train.log" "${kcmd[@]}"
  k_train=$T_WALL; k_rss=$T_RSS_MB; k_cpu=$T_CPU
  read -r k_heap k_live < <(gc_peaks "$dir/kotoba-gc.log")
  kmodel=$dir/kotoba/kotoba.model

  # training, spm.
  scmd=(spm_train --input="$text/train.txt" --model_prefix="$dir/spm" --vocab_size="$vocab" --model_type="$type"
        --character_coverage="$coverage" --byte_fallback="$byte_fallback" --num_threads="$CORES")
  timed "$dir/spm-train.log" "${scmd[@]}"
  s_train=$T_WALL; s_rss=$T_RSS_MB; s_cpu=$T_CPU
  smodel=$dir/spm.model
  train_rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s MB | %s MB (heap peak %s MB, live peak %s MB) |' \
    "$name" "$k_train" "$s_train" "$(ratio "$k_train" "$s_train")" "$k_cpu" "$s_cpu" "$(ratio "$k_cpu" "$s_cpu")" \
    "$s_rss" "$k_rss" "$k_heap" "$k_live")")
  echo "kotoba train: $(quoted "${kcmd[@]}")" >>"$BENCH_DIR/commands.txt"
  echo "spm train:    $(quoted "${scmd[@]}")" >>"$BENCH_DIR/commands.txt"

  # compression and parity on the val text.
  harness kotoba.bench.EncodeBench "$kmodel" "$text/val.txt" 0 "$dir/val.kotoba-by-kotoba.ids" >"$dir/val.kotoba-by-kotoba.out"
  harness kotoba.bench.EncodeBench "$smodel" "$text/val.txt" 0 "$dir/val.spm-by-kotoba.ids" >"$dir/val.spm-by-kotoba.out"
  spm_encode --model="$kmodel" --output_format=id "$text/val.txt" >"$dir/val.kotoba-by-spm.ids"
  spm_encode --model="$smodel" --output_format=id "$text/val.txt" >"$dir/val.spm-by-spm.ids"
  val_bytes=$(kv bytes "$dir/val.kotoba-by-kotoba.out")
  val_lines=$(kv lines "$dir/val.kotoba-by-kotoba.out")
  k_tokens=$(kv tokens "$dir/val.kotoba-by-kotoba.out")
  s_tokens=$(wc -w <"$dir/val.spm-by-spm.ids")
  k_bpt=$(awk -v b="$val_bytes" -v t="$k_tokens" 'BEGIN { printf "%.4f", b / t }')
  s_bpt=$(awk -v b="$val_bytes" -v t="$s_tokens" 'BEGIN { printf "%.4f", b / t }')
  comp_rows+=("$(printf '| %s | %s | %s | %s | %s |' "$name" "$k_bpt" "$s_bpt" "$(ratio "$k_bpt" "$s_bpt")" \
    "$k_tokens / $s_tokens")")
  parity_rows+=("$(printf '| %s | %s / %s | %s / %s |' "$name" \
    "$(same_lines "$dir/val.spm-by-kotoba.ids" "$dir/val.spm-by-spm.ids")" "$val_lines" \
    "$(same_lines "$dir/val.kotoba-by-kotoba.ids" "$dir/val.kotoba-by-spm.ids")" "$val_lines")")

  # encoding throughput, one core, both encoders on both models.
  for m in kotoba spm; do
    model=$dir/$m.model; [ "$m" = kotoba ] && model=$kmodel
    taskset -c 0 java $JAVA_FLAGS -Xmx4g -cp "$HARNESS_CP" kotoba.bench.EncodeBench "$model" "$text/enc.txt" \
      "$ENC_PASSES" >"$dir/enc.$m-by-kotoba.out"
    k_mbs=$(kv median_mb_s "$dir/enc.$m-by-kotoba.out")
    s_wall=$(spm_encode_s "$model" "$text/enc.txt")
    s0=$(spm_encode_s "$model" "$text/one.txt")
    s_mbs=$(awk -v b="$enc_bytes" -v s="$s_wall" 'BEGIN { printf "%.3f", b / 1e6 / s }')
    s_net=$(awk -v b="$enc_bytes" -v s="$s_wall" -v z="$s0" 'BEGIN { printf "%.3f", b / 1e6 / (s - z) }')
    enc_rows+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$name" "$m" "$k_mbs" "$s_mbs ($s_net net of ${s0}s load)" \
      "$(ratio "$k_mbs" "$s_mbs")" "$(ratio "$k_mbs" "$s_net")")")
  done
  tables >"$partial"
done

tables
echo "exact training commands: $BENCH_DIR/commands.txt"
