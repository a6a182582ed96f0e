#!/usr/bin/env bash
# The stages of src/ in the order data flows through them, and, for each
# top-level module, the other modules its code (not its comments, not its
# tests) names with `crate::`. A module may name only modules of its own
# layer or earlier ones: a name of a later one is printed as a violation
# and the script exits 1.
#
#   scripts/layers.sh        # the import list, then "no stage imports a later one"
set -euo pipefail
cd "$(dirname "$0")/../src"

# One line a layer, earliest first; modules on one line may name each other.
LAYERS=(
  "words diag lints base"
  "config"
  "source"
  "parse"
  "model"
  "analysis"
  "history"
  "forecast"
  "check"
  "charts"
  "render"
  "output"
  "site"
  "snapshot init new serve cli"
)
declare -A LAYER
for i in "${!LAYERS[@]}"; do
  for m in ${LAYERS[$i]}; do LAYER[$m]=$i; done
done

# The code of a file without comments and without its `#[cfg(test)]` part.
code_of() {
  awk '/^#\[cfg\(test\)\]/ { exit } { print }' "$1" | sed -E 's://.*$::'
}

status=0
for m in $(ls | sed 's/\.rs$//' | grep -v -x -e main -e lib); do
  if [ -d "$m" ] && [ -z "$(find "$m" -name '*.rs' | head -1)" ]; then
    continue # data, not code (the files `init` writes)
  elif [ -d "$m" ]; then
    # Files that are test modules (`#[cfg(test)] mod x;`) are tests too.
    tests=$(grep -rh -A1 '^#\[cfg(test)\]' "$m" | sed -n -E 's/^mod ([a-z_]+);/\1.rs/p' || true)
    files=$(find "$m" -name '*.rs' | while read -r f; do
      case " $tests " in *" $(basename "$f") "*) ;; *) echo "$f" ;; esac
    done)
  else
    files="$m.rs"
  fi
  # `tv!` and its helpers are render's own macros, named `$crate::tv…`.
  deps=$(for f in $files; do code_of "$f"; done | grep -o 'crate::[a-z_]*' | sed 's/crate:://' \
    | sort -u | grep -v -x "$m" | grep -v -x -e 'tv' -e 'tv_array' -e 'tv_object' -e 'tv_len' || true)
  printf '%-9s (layer %2s) -> %s\n' "$m" "${LAYER[$m]:-?}" "$(echo $deps)"
  [ -n "${LAYER[$m]:-}" ] || { echo "  $m is in no layer: add it to LAYERS in $0"; status=1; continue; }
  for d in $deps; do
    if [ -z "${LAYER[$d]:-}" ] || [ "${LAYER[$d]}" -gt "${LAYER[$m]}" ]; then
      echo "  VIOLATION: $m names $d, a later stage"
      status=1
    fi
  done
done
[ $status = 0 ] && echo "no stage imports a later one"
exit $status
