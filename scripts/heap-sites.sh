#!/usr/bin/env bash
# Which allocation sites hold the heap at one stage of a build, and which
# held its peak up to there: heaptrack on a binary built with the
# `heap-sites` feature (the system allocator, which heaptrack sees, and a
# stop at the stage named). The stages are the heap probe's marks
# (`working tree read`, `snapshots read`, `analysis and history made`,
# `working tree rendered`, `s03 rendered`, ...; see src/base/heap.rs).
#
#   scripts/heap-sites.sh PROJECT "STAGE" [TOP [BUILD OPTIONS...]]
#
# e.g. `scripts/heap-sites.sh /dev/shm/rb/10000 "working tree rendered" 20
# --no-snapshots`: the peak of the L build, which its render reaches.
#
# Needs heaptrack and c++filt (Debian: apt install heaptrack binutils) and
# python3. The build goes to target/heap-sites, the site to a temporary
# folder. A run at 10,000 initiatives with 8 snapshots takes a few
# minutes; the figures are the system allocator's, not mimalloc's (the
# live heap is the same; the resident set is not).
set -euo pipefail
# Found from where it is called, before going to the repository's root.
project=$(realpath "${1:?usage: scripts/heap-sites.sh PROJECT \"STAGE\" [TOP]}")
cd "$(dirname "$0")/.."
stage=${2:?usage: scripts/heap-sites.sh PROJECT \"STAGE\" [TOP]}
top=${3:-25}
shift $(( $# < 3 ? $# : 3 ))
for tool in heaptrack heaptrack_print c++filt python3; do
    command -v "$tool" > /dev/null || { echo "needs $tool (Debian: apt install heaptrack binutils python3)" >&2; exit 1; }
done
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
    cargo build --release --locked --features heap-sites --target-dir target/heap-sites
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ROADBOOK_STOP_AT="$stage" heaptrack -o "$work/run" target/heap-sites/release/roadbook \
    --root "$project" build -q -d "$work/site" "$@" > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
# The build stops at the stage: what it holds then is what heaptrack
# reports as leaked.
for cost in leaked peak; do
    heaptrack_print -f "$work/run.zst" --flamegraph-cost-type "$cost" -F "$work/$cost" \
        -p 0 -a 0 -T 0 -l 0 -s 0 > /dev/null
done
c++filt < "$work/leaked" | python3 scripts/heap-sites.py "live at \"$stage\"" "$top"
echo
c++filt < "$work/peak" | python3 scripts/heap-sites.py "the heap's peak up to \"$stage\"" "$top"
