#!/usr/bin/env bash
# Benchmark: build synthetic roadmaps of S/M/L size (100, 1,000, 10,000
# initiatives) and, in the same run on the same machine, Hugo on the same
# number of plain Markdown pages, so every figure is a ratio measured side by
# side. Wall time from bash's EPOCHREALTIME, CPU and peak RSS from
# /usr/bin/time; nothing here is asserted in tests.
#
#   scripts/bench.sh [SIZES...]          default: 100 1000 10000
#   BENCH_DIR=/dev/shm/rb-bench HUGO=0 RUNS=1 scripts/bench.sh 1000
#
# RUNS (3) runs of each build without snapshots, RUNS_SNAPSHOTS (RUNS) of
# each build with them; REPLAY=0 skips the CI replay, BY_SNAPSHOTS=0 the
# peak RSS by number of snapshots, LEDGER=0 the shared finance export,
# PMO=0 the roadmap with a RAID log and money, SERVE=0 the `serve` rows
# (these at the largest size only, see scripts/serve-bench.sh).
#
# Needs: /usr/bin/time (Debian `time`), and for the Hugo rows `hugo` plus
# ../shared/tools/peer-bench.sh (or PEER_BENCH=path).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 10000)
DIR=${BENCH_DIR:-/tmp/roadbook-bench-synth}
RUNS=${RUNS:-3}
RUNS_SNAPSHOTS=${RUNS_SNAPSHOTS:-$RUNS}
PEER=${PEER_BENCH:-../shared/tools/peer-bench.sh}
mkdir -p "$DIR"
# Earlier sites are moved aside, never deleted just before a build: on ext4
# without a journal (this VM's disk) every file created within 30 s of a mass
# delete makes the kernel step over each recently deleted inode
# (`recently_deleted` in ext4's inode allocator), and a 13,000-file build
# then spends most of its time there: 7.6 s instead of 3.0 s at M with 8
# snapshots, in kernel code that a build on a fresh clone never meets.
TRASH="$DIR/.trash"
if [ -d "$TRASH" ]; then rm -rf "$TRASH"; sleep 40; fi
mkdir -p "$TRASH"
# Snapshots a step below moves aside wait in the project's .held folder:
# a run cut short puts them back on exit, or the next run does first.
put_back() { # put_back PROJECT
  local s
  for s in "$1"/.held/*; do
    [ ! -e "$s" ] || mv -n "$s" "$1/snapshots/"
  done
}
trap 'for n in "${SIZES[@]}"; do put_back "$DIR/$n"; done; rm -rf "$TRASH"' EXIT
# On tmpfs (BENCH_DIR=/dev/shm/...) there is no such cost, and what is set
# aside is memory: a full run set aside 21 GB of sites, and Hugo, measured
# last, ran out of memory. There, earlier sites are deleted.
ON_TMPFS=0
[ "$(stat -f -c %T "$DIR" 2>/dev/null)" = tmpfs ] && ON_TMPFS=1
fresh() {
  [ -e "$1" ] || return 0
  if [ "$ON_TMPFS" = 1 ]; then rm -rf "$1"; else mv "$1" "$(mktemp -d "$TRASH/site.XXXXXX")"; fi
}
cargo build --release --quiet --example synth
cargo build --release --quiet
BIN=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release
T=/usr/bin/time

measure() { # measure LABEL COMMAND... -> prints "LABEL|wall|cpu|rss_mb"
  local label=$1; shift
  local stats t0 t1
  stats=$(mktemp)
  # Earlier runs' dirty pages must not be written back during this one.
  sync
  # Wall time to the millisecond: /usr/bin/time's 10 ms are 5 % of M's
  # build, and the L / M ratio (issue 20, point 3) moved by that much.
  t0=$EPOCHREALTIME
  $T -o "$stats" -f '%e %U %S %M' "$@" >/dev/null 2>&1
  t1=$EPOCHREALTIME
  read -r _ user sys rss <<<"$(tail -1 "$stats")"
  rm -f "$stats"
  printf '%s|%.3f|%.2f|%d\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}

echo "| run | pages | wall s | cpu s | pages/s | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
declare -A WALL WALLH PAGES
for n in "${SIZES[@]}"; do
  proj="$DIR/$n"
  if [ ! -f "$proj/book.toml" ]; then
    "$BIN/examples/synth" "$n" "$proj" --snapshots 8 >/dev/null 2>&1
  fi
  put_back "$proj"
  held="$proj/.held"
  mkdir -p "$held"
  # Every figure is the median of RUNS runs (default 3): this VM's speed
  # drifts by tens of percent from one minute to the next.
  # Each column's own median: the peak RSS varies from run to run as
  # much as the wall time (277–325 MiB for L over a dozen runs), and the
  # RSS of the run with the median wall time is any of them.
  median() {
    awk -F'|' '{ label = $1; for (c = 2; c <= 4; c++) v[c, NR] = $c }
      END {
        printf "%s", label
        for (c = 2; c <= 4; c++) {
          for (i = 1; i <= NR; i++) col[i] = v[c, i] + 0
          for (i = 2; i <= NR; i++) { x = col[i]; j = i - 1
            while (j >= 1 && col[j] > x) { col[j + 1] = col[j]; j-- }
            col[j + 1] = x }
          m = col[int((NR + 1) / 2)]
          printf (c == 4 ? "|%d" : c == 2 ? "|%.3f" : "|%.2f"), m
        }
        printf "\n"
      }'
  }
  median_s() { median; }
  line=$(for _ in $(seq "$RUNS"); do
    fresh "$proj/site"
    measure "roadbook $n, full build, no snapshots" "$BIN/roadbook" --root "$proj" build -q --no-snapshots
  done | median)
  pages=$(find "$proj/site" -name '*.html' | wc -l)
  IFS='|' read -r label wall cpu rss <<<"$line"
  rss0=$rss
  WALL[$n]=$wall; PAGES[$n]=$pages
  echo "| $label | $pages | $wall | $cpu | $(echo "$pages / $wall" | bc) | $rss |"
  again=$("$BIN/roadbook" --root "$proj" build --no-snapshots 2>&1 | grep -o '([0-9]* written' | tr -dc '0-9' || true)
  echo "| roadbook $n, rebuild with no change: ${again:-?} files written | | | | | |"
  line=$(for _ in $(seq "$RUNS_SNAPSHOTS"); do
    fresh "$proj/site"
    measure "roadbook $n, with 8 snapshots, from scratch" "$BIN/roadbook" --root "$proj" build -q
  done | median_s)
  IFS='|' read -r label wall8 cpu rss <<<"$line"
  rss8=$rss
  pages8=$(find "$proj/site" -name '*.html' | wc -l)
  echo "| $label | $pages8 | $wall8 | $cpu | $(echo "$pages8 / $wall8" | bc) | $rss |"
  line=$(for _ in $(seq "$RUNS_SNAPSHOTS"); do
    measure "roadbook $n, with 8 unchanged snapshots" "$BIN/roadbook" --root "$proj" build -q
  done | median_s)
  IFS='|' read -r label wallw cpu rss <<<"$line"
  echo "| $label | | $wallw | $cpu | | $rss |"
  # The quarterly case: the site was built with 7 snapshots, then the 8th is
  # taken. Only the new one is rendered; the older ones are carried over.
  newest=$(ls "$proj/snapshots" | tail -1)
  line=$(for _ in $(seq "$RUNS_SNAPSHOTS"); do
    mv "$proj/snapshots/$newest" "$held/"
    "$BIN/roadbook" --root "$proj" build -q
    mv "$held/$newest" "$proj/snapshots/"
    # That build replaced the working tree's pages (their switcher gained a
    # version): let ext4's 30-35 s "recently deleted" window pass, as it does
    # between a user's builds.
    sleep 40
    measure "roadbook $n, with 8 snapshots, the newest one new" "$BIN/roadbook" --root "$proj" build -q
  done | median_s)
  IFS='|' read -r label walln cpu rss <<<"$line"
  echo "| $label | | $walln | $cpu | | $rss |"
  # CI's year: 8 quarterly builds in sequence, each with one more snapshot,
  # each on a fresh checkout with the previous build folder restored from
  # the cache (copied back, as a CI cache is). Only the builds are timed.
  if [ "${REPLAY:-1}" = 1 ]; then
    cache="$DIR/.replay-cache"
    rm -rf "$cache"
    mv "$proj/snapshots/"* "$held/"
    fresh "$proj/site"
    total=0; cpu_total=0; peak=0
    for s in $(ls "$held"); do
      mv "$held/$s" "$proj/snapshots/"
      [ ! -d "$cache" ] || cp -a "$cache" "$proj/site"
      IFS='|' read -r _ w c r <<<"$(measure replay "$BIN/roadbook" --root "$proj" build -q)"
      total=$(echo "$total + $w" | bc); cpu_total=$(echo "$cpu_total + $c" | bc)
      [ "$r" -le "$peak" ] || peak=$r
      rm -rf "$cache"; mv "$proj/site" "$cache"
    done
    mv "$cache" "$proj/site"
    echo "| roadbook $n, CI replay: 8 quarterly builds, one snapshot more each, build folder restored from the cache between them (total) | | $total | $cpu_total | | $peak |"
  fi
  # Memory against the number of snapshots (the newest K of the 8), each
  # built from scratch once: what one more quarter of history costs.
  if [ "${BY_SNAPSHOTS:-1}" = 1 ] && [ "$n" = "${SIZES[-1]}" ]; then
    all=$(ls "$proj/snapshots")
    by="0: $rss0"
    for k in 1 2 4; do
      mv "$proj/snapshots/"* "$held/"
      for s in $(echo "$all" | tail -n "$k"); do mv "$held/$s" "$proj/snapshots/"; done
      fresh "$proj/site"
      IFS='|' read -r _ w _ r <<<"$(measure by-snapshots "$BIN/roadbook" --root "$proj" build -q)"
      by="$by, $k: $r ($w s)"
    done
    put_back "$proj"
    echo "| roadbook $n, peak RSS MiB by number of snapshots, from scratch: $by, 8: $rss8 | | | | | |"
  fi
  # Money at scale: every initiative's spend in one finance export shared
  # through its `initiative` column, up to the 100,000 rows a data file
  # may hold (10 rows each at L, 100 at M), each CSV parsed once however
  # many initiatives read it.
  if [ "${LEDGER:-1}" = 1 ] && [ "$n" = "${SIZES[-1]}" ]; then
    rows=$(( 100000 / n > 100 ? 100 : 100000 / n ))
    [ "$rows" -ge 1 ] || rows=1
    lproj="$DIR/$n-ledger"
    [ -f "$lproj/book.toml" ] || "$BIN/examples/synth" "$n" "$lproj" --ledger "$rows" >/dev/null 2>&1
    line=$(for _ in $(seq "$RUNS"); do
      fresh "$lproj/site"
      measure "roadbook $n, no snapshots, every initiative's spend in one shared finance export ($rows rows each)" "$BIN/roadbook" --root "$lproj" build -q --no-snapshots
    done | median)
    IFS='|' read -r label wl cpu rss <<<"$line"
    echo "| $label | $(find "$lproj/site" -name '*.html' | wc -l) | $wl | $cpu | | $rss |"
  fi
  # What a PMO's roadmap holds beside the plan: a RAID log (one item per
  # five initiatives, moving from quarter to quarter) and every
  # initiative's spend in one finance export (10 rows each, each snapshot
  # with the months booked by its day), with 8 snapshots from scratch:
  # the RAID trail, the budget pages and the history of spend at scale.
  if [ "${PMO:-1}" = 1 ] && [ "$n" = "${SIZES[-1]}" ]; then
    pproj="$DIR/$n-pmo"
    [ -f "$pproj/book.toml" ] || "$BIN/examples/synth" "$n" "$pproj" --snapshots 8 --ledger 10 --raid $((n / 5)) >/dev/null 2>&1
    line=$(for _ in $(seq "$RUNS_SNAPSHOTS"); do
      fresh "$pproj/site"
      measure "roadbook $n with a RAID log of $((n / 5)) items and a finance export, 8 snapshots, from scratch" "$BIN/roadbook" --root "$pproj" build -q
    done | median_s)
    IFS='|' read -r label wp cpu rss <<<"$line"
    pagesp=$(find "$pproj/site" -name '*.html' | wc -l)
    echo "| $label | $pagesp | $wp | $cpu | $(echo "$pagesp / $wp" | bc) | $rss |"
  fi
  echo "| ratio with / without snapshots: $(echo "scale=1; $wall8 / $wall" | bc)× from scratch, $(echo "scale=1; $wallw / $wall" | bc)× unchanged, $(echo "scale=1; $walln / $wall" | bc)× with one new | | | | | |"
  # peer-bench.sh deletes Hugo's output right before each of its runs, so
  # Hugo pays the kernel's recently-deleted walk: this row measures roadbook
  # the same way, for the side-by-side comparison (what is deleted is a
  # site of the same size, as Hugo's is).
  fresh "$proj/site"
  "$BIN/roadbook" --root "$proj" build -q --no-snapshots
  line=$(for _ in $(seq "$RUNS"); do
    rm -rf "$proj/site"
    measure "roadbook $n, no snapshots, output deleted just before (as Hugo is measured)" "$BIN/roadbook" --root "$proj" build -q --no-snapshots
  done | median)
  IFS='|' read -r label wallh cpu rss <<<"$line"
  WALLH[$n]=$wallh
  echo "| $label | $pages | $wallh | $cpu | $(echo "$pages / $wallh" | bc) | $rss |"
  # Those deletions must not slow the next size's first builds.
  sleep 40
done
if [ "${#SIZES[@]}" -ge 2 ]; then
  s=${SIZES[-2]}; l=${SIZES[-1]}
  echo
  echo "Scaling ${l}/${s}: wall ${WALL[$l]} / ${WALL[$s]} = $(echo "scale=1; ${WALL[$l]} / ${WALL[$s]}" | bc)"
fi
if [ "${SERVE:-1}" = 1 ]; then
  echo
  echo "\`roadbook serve\` on the ${SIZES[-1]} roadmap with 8 snapshots:"
  echo
  echo "| serve | measured |"
  echo "|---|---|"
  BIN="$BIN/roadbook" scripts/serve-bench.sh "$DIR/${SIZES[-1]}" 3 || echo "| serve-bench failed | |"
fi
if [ "${HUGO:-1}" = 1 ] && command -v hugo >/dev/null && { [ -x "$PEER" ] || [ -f "$PEER" ]; }; then
  l=${SIZES[-1]}
  echo
  echo "Hugo on ${PAGES[$l]} plain pages, same machine, same run (median of $RUNS):"
  BENCH_DIR="$DIR/hugo-${PAGES[$l]}" TOOLS=hugo RUNS=$RUNS bash "$PEER" "${PAGES[$l]}" | grep -E '^\| (tool|hugo|floor)|^\|-'
elif [ "${HUGO:-1}" = 1 ]; then
  # Said, not skipped in silence: a run without them has nothing to
  # compare its pages per second with.
  echo
  echo "No Hugo rows: $(command -v hugo >/dev/null || echo 'hugo is not installed (../shared/tools/setup.sh bench installs it) ')$([ -f "$PEER" ] || echo "$PEER is missing ")(HUGO=0 leaves them out)"
fi
