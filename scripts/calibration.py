#!/usr/bin/env python3
"""How the forecasts of each snapshot held, from a built site's roadmap.json.

    scripts/calibration.py SITE/roadmap.json

One line a snapshot, then all together: the milestones whose outcome is
known now, and the share done by the cautious (P85), the likely (P50) and
the due date that snapshot gave them.
"""
import json
import sys

doc = json.load(open(sys.argv[1]))
rows = [c for c in doc["forecasts"]["calibration"] if c["checked"]]
total = {k: sum(c[k] for c in rows) for k in ("checked", "within_p85", "within_p50", "within_due")}
total["snapshot"] = "all"


def pct(part, whole):
    return f"{100 * part / whole:5.1f}%" if whole else "    —"


print(f"{'forecast at':<12} {'known':>6} {'by P85':>7} {'by P50':>7} {'by due':>7}")
for c in rows + [total]:
    n = c["checked"]
    print(f"{c['snapshot']:<12} {n:>6} {pct(c['within_p85'], n):>7} {pct(c['within_p50'], n):>7} {pct(c['within_due'], n):>7}")
