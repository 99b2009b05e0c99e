#!/usr/bin/env bash
# Builds a frozen copy of kotoba for benchmarking, so that other people's rebuilds of /work/main cannot change the
# code (or trigger bin/kotoba's auto-build) in the middle of a timed run:
#   bench/snapshot.sh [DIR]          (default DIR: $BENCH_DIR/snap, BENCH_DIR default /tmp/kotoba-bench)
# Copies the working tree's sources (not data/, not target/) to DIR/src and runs `mvn -o package` THERE; nothing in
# /work/main or ~/.m2 is written. Prints DIR, which then has bin/kotoba (the real launcher, copied) and
# classpath.txt for harnesses. Set KOTOBA_BENCH_REV=HEAD to build the last commit instead of the working tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${BENCH_DIR:-/tmp/kotoba-bench}
snap=${1:-$bench_dir/snap}
rev=${KOTOBA_BENCH_REV:-worktree}

rm -rf "$snap"
mkdir -p "$snap/src"
if [ "$rev" = worktree ]; then
  (cd "$root" && tar --exclude=./data --exclude='*/target' --exclude=./target --exclude=./.git --exclude=./bench/out \
      -cf - .) | tar -xf - -C "$snap/src"
  dirty=$(cd "$root" && git status --porcelain --untracked-files=no -- . ':!bench' | wc -l)
  echo "$(cd "$root" && git rev-parse --short HEAD) + working tree ($dirty modified tracked files outside bench/)" \
    > "$snap/REVISION"
else
  (cd "$root" && git archive "$rev") | tar -xf - -C "$snap/src"
  (cd "$root" && git rev-parse --short "$rev") > "$snap/REVISION"
fi

echo "snapshot: building $(cat "$snap/REVISION") in $snap/src ..." >&2
(cd "$snap/src" && mvn -q -o -B package -DskipTests -Dkotoba.shade.skip=true >"$snap/build.log" 2>&1) || {
  echo "snapshot: build failed, see $snap/build.log (last lines below)" >&2
  tail -20 "$snap/build.log" >&2
  exit 1
}
cp_file="$snap/src/jobs/target/classpath.txt"
[ -f "$cp_file" ] || { echo "snapshot: $cp_file missing after build" >&2; exit 1; }
# bin/kotoba rebuilds when sources are newer than classpath.txt; touch it last so the copy is never stale.
touch "$cp_file"
echo "$snap/src/jobs/target/classes:$(cat "$cp_file")" > "$snap/classpath.txt"
echo "$snap"
