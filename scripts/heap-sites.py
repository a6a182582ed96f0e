#!/usr/bin/env python3
"""Sum heaptrack's stacks by the roadbook functions that allocated them.

Usage: heap-sites.py STACKS [TOP] < demangled flame-graph stacks

STACKS is the heading printed above the table; the stacks come from
`heaptrack_print -F` (one `frame;frame;... bytes` line each, outermost
frame first), demangled by `c++filt`. A stack is named by its innermost
two frames of roadbook's own code: a function of the crate
(`roadbook::...`) or one inlined into it from a file of `src/` (heaptrack
gives an inlined frame's short name and file only). See
scripts/heap-sites.sh.
"""

import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "src")
# Files whose names std and the crates use too are left to the frames
# named in full.
OURS = {
    os.path.splitext(name)[0]
    for _, _, names in os.walk(SRC)
    for name in names
    if name.endswith(".rs")
} - {"mod", "lib", "main", "node"}
HASH = re.compile(r"\[[0-9a-f]{16}\]|::h[0-9a-f]{16}$")
INLINED = re.compile(r"^(.*) \((\w+)\.rs\)$")
PLUMBING = re.compile(
    r"^(\{closure(#\d+)?\}|fold|for_each|map|collect|from_iter|extend|call_once|"
    r"call|try_fold|next|with_capacity|new|clone|to_vec|to_owned|make_mut|"
    r"push|push_mut|insert|entry|or_insert_with|or_default|get_or_init|"
    r"grow_one|grow_amortized|finish_grow|reserve|shrink_to_fit|fmt|write_fmt|"
    r"to_string|format|timed)(<.*>)?$"
)


def ours(frame):
    frame = HASH.sub("", frame.strip())
    if frame.startswith("roadbook::") or frame.startswith("<roadbook::"):
        name = re.sub(r"<[^<>]*>", "", frame)
        name = name.replace("roadbook::", "")
        short = name.split("::")[-1]
        return None if PLUMBING.match(short) else name
    m = INLINED.match(frame)
    if m and m.group(2) in OURS and not PLUMBING.match(m.group(1)):
        return f"{m.group(1)} ({m.group(2)}.rs)"
    return None


def main():
    heading = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    sums = collections.Counter()
    for line in sys.stdin:
        stack, _, bytes_ = line.rstrip("\n").rpartition(" ")
        if not bytes_.isdigit() or int(bytes_) == 0:
            continue
        named = [f for f in map(ours, stack.split(";")) if f]
        deduped = [f for k, f in enumerate(named) if k == 0 or named[k - 1] != f]
        sums[" < ".join(reversed(deduped[-2:])) or "(outside roadbook's code)"] += int(bytes_)
    total = sum(sums.values())
    print(f"{heading}: {total / 2**20:.1f} MiB")
    for name, size in sums.most_common(top):
        print(f"{size / 2**20:8.1f} MiB  {name}")


if __name__ == "__main__":
    main()
