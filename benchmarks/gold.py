"""Score `claims extract` on the gold stories with the shared scorer (`../shared/gold/score.py`).

    .venv/bin/python benchmarks/gold.py [--shared ../shared] [--misses] [--json FILE]

For each gold set -- Operation SpecTor (`corpus/operation-spector/`, 3 articles) and the ten
ECB+ stories (`../shared/corpus/ecbplus/`, 93 articles) -- it runs `claims extract ROOT
--format json --no-cache` once, scores the output with the shared scorer, and prints its summary
beside the targets of issue #13: gold figures found >= 95 %, unit right >= 95 %, verdicts right
>= 90 %, false disagreements <= 2, and, of the disagreements reported, the share that are gold
`disagree` groups. With --misses it also prints the scorer's lines for what was missed. Nothing
here is keyed to a story: it only runs the tool and the scorer.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
SUMMARY = re.compile(r"recall=(\d+)/(\d+) unit_ok=(\d+)/\d+ verdicts=(\d+)/(\d+) "
                     r"false_disagree=(\d+) ungraded_disagree=(\d+)")


def sets(shared: Path) -> list[tuple[str, Path, Path, Path]]:
    gold = shared / "gold"
    return [
        ("SpecTor", PROJECT / "corpus", gold / "operation-spector.jsonl",
         gold / "operation-spector-verdicts.json"),
        ("ECB+", shared / "corpus" / "ecbplus", gold / "ecbplus.jsonl",
         gold / "ecbplus-verdicts.json"),
    ]


def run(name: str, root: Path, figures: Path, verdicts: Path, scorer: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        started = time.perf_counter()
        extract = subprocess.run(
            [sys.executable, "-m", "claims", "extract", str(root), "--format", "json",
             "-o", str(out), "--no-cache"], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if extract.returncode != 0:
            raise SystemExit(f"{name}: claims extract failed ({extract.returncode}):\n"
                             f"{extract.stderr}")
        scored = subprocess.run([sys.executable, str(scorer), str(root), str(figures),
                                 str(verdicts), str(out)], capture_output=True, text=True,
                                check=True)
        findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    lines = scored.stdout.splitlines()
    match = SUMMARY.search(lines[-1])
    if match is None:
        raise SystemExit(f"{name}: the scorer printed no summary line: {lines[-1:]}")
    found, total, unit_ok, right, graded, false, ungraded = map(int, match.groups())
    reported = sum(1 for f in findings if f.get("kind") == "quantity"
                   and f.get("verdict") == "disagree")
    # the scorer's ungraded disagreements include people's (quotations, roles): count figures'
    ungraded_figures = sum(1 for line in lines if line.startswith("UNGRADED")
                           and re.search(r"claims=\['c", line))
    return {"set": name, "figures": total, "found": found, "unit_ok": unit_ok,
            "verdicts_right": right, "verdicts": graded, "false_disagree": false,
            "ungraded_disagree": ungraded, "ungraded_figure_disagree": ungraded_figures,
            "disagreements_reported": reported,
            "seconds": round(seconds, 1), "misses": lines[:-1]}


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--misses", action="store_true", help="print the scorer's miss lines")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    scorer = args.shared / "gold" / "score.py"
    results = [run(*s, scorer) for s in sets(args.shared)]
    print(f"{'set':8} {'found':>14} {'unit right':>14} {'verdicts':>13} {'false dis.':>10} "
          f"{'gold dis.':>9} {'other dis.':>10} {'time':>7}")
    for r in results:
        other = r["ungraded_figure_disagree"]
        gold = r["disagreements_reported"] - r["false_disagree"] - other
        verdicts = pct(r["verdicts_right"], r["verdicts"])
        print(f"{r['set']:8} {r['found']:>5}/{r['figures']} {pct(r['found'], r['figures']):>7} "
              f"{r['unit_ok']:>5}/{r['figures']} {pct(r['unit_ok'], r['figures']):>7} "
              f"{r['verdicts_right']:>3}/{r['verdicts']} {verdicts:>7} "
              f"{r['false_disagree']:>10} {gold:>9} {other:>10} {r['seconds']:>6}s")
    print("targets (#13): found >= 95 %, unit right >= 95 %, verdicts >= 90 %, false "
          "disagreements <= 2")
    print("dis. = figures' disagreements reported: false (mix gold groups or contradict an "
          "agree), of a gold disagree group, or among figures the gold does not list (other: "
          "read them by hand)")
    if args.misses:
        for r in results:
            print(f"\n== {r['set']}")
            print("\n".join(r["misses"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
