#!/usr/bin/env bash
# `roadbook serve` on a project: start-up (with an empty cache of archived
# versions, then with the cache a previous run left), peak RSS, CPU while
# idle, and the time from saving an edit to one initiative until the server
# has the new page (what the browser then reloads). Linux only (/proc).
#
#   scripts/serve-bench.sh PROJECT [EDITS]      default: 3 edits
#
# Prints Markdown table rows; nothing here is asserted in tests.
set -euo pipefail
proj=$(realpath "$1")
cd "$(dirname "$0")/.."
edits=${2:-3}
BIN=${BIN:-target/release/roadbook}
cache=$(mktemp -d)
log=$(mktemp)
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$cache" "$log"' EXIT
now() { date +%s.%N; }
ms() { echo "($2 - $1) * 1000 / 1" | bc; }

start() { # start: launches the server; sets pid, port and took (seconds to ready)
  : >"$log"
  local t0
  t0=$(now)
  XDG_CACHE_HOME=$cache "$BIN" --root "$proj" serve -p 0 >/dev/null 2>"$log" &
  pid=$!
  until grep -q 'http://' "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  port=$(grep -o 'http://[^/]*' "$log" | head -1 | sed 's/.*://')
  took=$(echo "scale=2; ($(now) - $t0) / 1" | bc)
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
peak_mib() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status"; }
generation() { curl -s "http://127.0.0.1:$port/__roadbook/generation"; }

start
cold=$took
kill "$pid"; wait "$pid" 2>/dev/null || true
start
warm=$took
echo "| serve start-up until it answers (empty cache / cache kept) | ${cold} s / ${warm} s |"
# Idle: nothing changes for 10 s.
sleep 2
t0=$(cpu_ticks)
sleep 10
t1=$(cpu_ticks)
hz=$(getconf CLK_TCK)
echo "| serve CPU while idle (10 s) | $(echo "scale=2; ($t1 - $t0) * 100 / $hz / 10" | bc) % of a core |"
# Edits: one initiative's title, saved as an editor does (a new file renamed
# over the old one), timed until the server hands out the next generation
# (what the page's reload script waits for). Asked every 20 ms: ten times as
# often as a page asks, without a new connection (and server thread) every
# 2 ms competing with the rebuild it times.
file=$(find "$proj/content/initiatives" -name '*.md' | sort | sed -n 1p)
times=$(python3 - "$file" "$port" "$edits" <<'PY'
import http.client, os, sys, time
path, port, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
original = open(path, encoding="utf-8").read()
def generation():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("GET", "/__roadbook/generation")
    g = c.getresponse().read()
    c.close()
    return g
out = []
try:
    for k in range(edits):
        g = generation()
        text = original.replace("\ntitle: ", f"\ntitle: (edit {k + 1}) ", 1)
        t0 = time.monotonic()
        with open(path + ".swp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(path + ".swp", path)
        while generation() == g:
            time.sleep(0.02)
        out.append(round((time.monotonic() - t0) * 1000))
        time.sleep(1)
finally:
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
print("/".join(map(str, out)))
PY
)
echo "| serve: saving an edit to one initiative until the new page is served | $times ms |"
echo "| serve peak RSS | $(peak_mib) MiB |"
