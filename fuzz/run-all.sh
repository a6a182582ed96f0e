#!/usr/bin/env bash
# Run every fuzz target for SECONDS (default 600) each, one after another.
# Needs the nightly toolchain and cargo-fuzz: `cargo install cargo-fuzz`.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
for target in frontmatter date config document; do
  mkdir -p "corpus/$target"
  cargo +nightly fuzz run "$target" -O "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -len_control=0 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1
done
