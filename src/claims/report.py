"""Reports: pure functions from a Result to terminal tables, JSON, JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .intervals import format_interval
from .types import Claim, Finding, Result, scope_text

CSV_COLUMNS = [
    "id", "article", "line", "start", "end", "text", "value", "low", "high", "qualifier", "unit",
    "normalized_value", "normalized_low", "normalized_high", "normalized_unit", "what", "scope",
    "holder", "kind", "entities", "sentence",
]  # fmt: skip


def iter_json(result: Result) -> Iterator[str]:
    """The contract's JSON document in pieces, one record a line: valid JSON, readable, and
    written as it is made, so a large corpus's output never sits in memory twice."""
    sections = [("articles", result.articles), ("claims", result.claims),
                ("entities", result.entities), ("quotes", result.quotes),
                ("findings", result.findings)]
    yield '{\n"schema": "claims/1",\n'
    for n, (key, items) in enumerate(sections):
        end = "," if n < len(sections) - 1 else ""
        if not items:
            yield f'"{key}": []{end}\n'
            continue
        yield f'"{key}": [\n'
        last = len(items) - 1
        for i, item in enumerate(items):
            row = json.dumps(item.to_dict(), ensure_ascii=False)
            yield f"  {row}{',' if i < last else ''}\n"
        yield f"]{end}\n"
    yield "}\n"


def iter_jsonl(result: Result) -> Iterator[str]:
    """One record a line, each with a "type": article, claim, entity, quote, finding."""
    for kind, items in (("article", result.articles), ("claim", result.claims),
                        ("entity", result.entities), ("quote", result.quotes),
                        ("finding", result.findings)):
        for item in items:
            yield json.dumps({"type": kind, **item.to_dict()}, ensure_ascii=False) + "\n"


def iter_csv(result: Result) -> Iterator[str]:
    """The claims, one row each (articles, entities and findings are in the JSON output)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in result.claims:
        writer.writerow({
            **{k: getattr(c, k) for k in CSV_COLUMNS if hasattr(c, k)},
            "what": None if c.what is None else str(c.what),
            "scope": scope_text(c.scope),
            "holder": None if c.holder is None else c.holder.text,
            "normalized_value": c.normalized.value,
            "normalized_low": c.normalized.low,
            "normalized_high": c.normalized.high,
            "normalized_unit": c.normalized.unit,
            "entities": "; ".join(c.entities),
        })
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def to_json(result: Result) -> str:
    return "".join(iter_json(result))


def to_jsonl(result: Result) -> str:
    return "".join(iter_jsonl(result))


def to_csv(result: Result) -> str:
    return "".join(iter_csv(result))


def _row(*cells: str | Text) -> list[Text]:
    """Cells as literal text: articles hold brackets that rich would read as markup."""
    return [c if isinstance(c, Text) else Text(c) for c in cells]


def claims_table(path: str, claims: list[Claim], *, decorated: bool) -> Table:
    table = Table(
        title=path,
        title_justify="left",
        box=box.SIMPLE_HEAD if decorated else box.ASCII2,
        show_edge=decorated,
        header_style="bold" if decorated else "",
        title_style="bold cyan" if decorated else "",
    )
    for name, kwargs in (
        ("line", {"justify": "right"}),
        ("claim", {"overflow": "fold"}),
        ("qualifier", {}),
        ("normalised", {"overflow": "fold"}),
        ("what", {"overflow": "fold"}),
        ("scope", {"overflow": "fold"}),
    ):
        table.add_column(name, **kwargs)
    for c in claims:
        n = c.normalized
        table.add_row(*_row(
            str(c.line),
            c.text,
            c.qualifier,
            format_interval(n.low, n.high, n.unit),
            str(c.what) if c.what else "—",
            scope_text(c.scope) or "",
        ))
    return table


def entities_table(result: Result, *, decorated: bool) -> Table:
    table = Table(
        title="people and organisations",
        title_justify="left",
        box=box.SIMPLE_HEAD if decorated else box.ASCII2,
        show_edge=decorated,
        header_style="bold" if decorated else "",
        title_style="bold cyan" if decorated else "",
    )
    for name in ("name", "label", "role", "also", "articles"):
        table.add_column(name, overflow="fold")
    for e in result.entities:
        table.add_row(*_row(e.name, e.label, e.role or "", ", ".join(e.aliases),
                            str(len(e.articles))))
    return table


_VERDICT_STYLE = {"disagree": "bold red", "agree": "green", "single_source": "dim"}


def finding_table(finding: Finding, claims: dict[str, Claim], *,
                  decorated: bool) -> RenderableType:
    """One finding: verdict and thing, then each figure as stated and as compared, with its
    sentence, so the verdict can be checked without opening the articles."""
    scope = f" ({finding.scope})" if finding.scope else ""
    label = "PARTS ADD UP" if finding.kind == "parts" else finding.verdict.upper()
    title = Text.assemble(
        (label, _VERDICT_STYLE.get(finding.verdict, "") if decorated else ""),
        f" · {finding.what}{scope}",
    )
    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD if decorated else box.ASCII2,
        show_edge=decorated, header_style="bold" if decorated else "",
    )
    for name in ("article", "line", "as stated", "compared as", "sentence"):
        table.add_column(name, overflow="fold", justify="right" if name == "line" else "left")
    for cid in finding.claims:
        c = claims.get(cid)
        if c is None:
            continue
        n = c.normalized
        table.add_row(*_row(c.article, str(c.line), c.text,
                            format_interval(n.low, n.high, n.unit), c.sentence))
    return Group(table, Text(finding.explanation, style="italic" if decorated else ""), Text())


def other_findings_table(findings: list[Finding], *, decorated: bool) -> Table:
    """Roles and quotations: one line each."""
    table = Table(title="people: roles and quotations", title_justify="left",
                  box=box.SIMPLE_HEAD if decorated else box.ASCII2, show_edge=decorated,
                  header_style="bold" if decorated else "")
    for name in ("verdict", "what", "evidence"):
        table.add_column(name, overflow="fold")
    for f in findings:
        table.add_row(*_row(Text(f.verdict, _VERDICT_STYLE.get(f.verdict, "") if decorated
                                 else ""), f.what, f.explanation))
    return table


def reconciliation_report(result: Result, *, decorated: bool) -> list[RenderableType]:
    """Every thing two or more articles state a figure for, disagreements first."""
    claims = {c.id: c for c in result.claims}
    figures = [f for f in result.findings
               if f.kind in ("quantity", "parts") and f.verdict != "single_source"]
    people = [f for f in result.findings if f.kind in ("role", "quotation")]
    single = sum(1 for f in result.findings if f.verdict == "single_source")
    parts: list[RenderableType] = []
    if figures or people:
        disagree = sum(1 for f in figures + people if f.verdict == "disagree")
        agree = sum(1 for f in figures + people if f.verdict == "agree")
        parts.append(Text(f"reconciliation: {disagree} disagree, {agree} agree, {single} "
                          "stated by one article only (listed in --format json)",
                          style="bold" if decorated else ""))
    parts.extend(finding_table(f, claims, decorated=decorated) for f in figures)
    if people:
        parts.append(other_findings_table(people, decorated=decorated))
    return parts


def terminal_report(result: Result, *, decorated: bool) -> RenderableType:
    """One table per article, the entities, then the reconciliation."""
    by_article: dict[str, list[Claim]] = {}
    for c in result.claims:
        by_article.setdefault(c.article, []).append(c)
    parts: list[RenderableType] = []
    for article in result.articles:
        if article.errors:
            continue
        claims = by_article.get(article.path, [])
        if not claims:
            note = "no claims" if article.duplicate_of is None else \
                f"same text as {article.duplicate_of}"
            parts.append(Text(f"{article.path}: {note}", style="dim" if decorated else ""))
            continue
        parts.append(claims_table(article.path, claims, decorated=decorated))
    if result.entities:
        parts.append(entities_table(result, decorated=decorated))
    parts.extend(reconciliation_report(result, decorated=decorated))
    return Group(*parts)


def problems(result: Result) -> Iterable[tuple[str, str]]:
    """('error' | 'warning', message) for every article that had a problem."""
    for article in result.articles:
        for message in article.errors:
            yield "error", message
        for message in article.warnings:
            yield "warning", message


def render(result: Result, fmt: str) -> Iterator[str]:
    """The report in `fmt` (json, jsonl, csv), in pieces to write one after another."""
    renderers = {"json": iter_json, "jsonl": iter_jsonl, "csv": iter_csv}
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}")
    return renderers[fmt](result)


def render_text(result: Result, width: int = 200) -> str:
    """The terminal report as plain text (for -o FILE with the table format)."""
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(terminal_report(result, decorated=False))
    return console.file.getvalue()  # type: ignore[attr-defined]


def write_atomic(path: Path, content: str | Iterable[str]) -> None:
    """Write `content` (a string, or pieces of one) to `path` so that an interrupted run leaves
    the old file intact: a temporary file in the same folder, renamed over it when complete."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.writelines([content] if isinstance(content, str) else content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
