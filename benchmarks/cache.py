"""Warm (cached) against cold `claims extract` on a generated corpus, measured in one run.

    python benchmarks/cache.py [--articles 300] [--newsquant ../shared/benchmarks/newsquant]

Prints the seconds of each run and the ratio cold / warm. Issue #4's target: at least 20.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_NEWSQUANT, build_corpus


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--warm-runs", type=int, default=3)
    parser.add_argument("--newsquant", type=Path, default=DEFAULT_NEWSQUANT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        build_corpus(corpus, args.articles, newsquant=args.newsquant)
        cmd = [sys.executable, "-m", "claims", "extract", str(corpus), "--format", "json",
               "--output", str(Path(tmp) / "out.json"), "--cache-dir", str(cache), "--quiet"]
        cold = timed(cmd)
        warm = statistics.median(timed(cmd) for _ in range(args.warm_runs))
    print(f"articles: {args.articles}")
    print(f"cold run (empty cache): {cold:.2f} s")
    print(f"warm run (median of {args.warm_runs}): {warm:.2f} s")
    print(f"cold / warm: {cold / warm:.1f}x (target: at least 20x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
