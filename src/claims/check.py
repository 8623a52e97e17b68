"""`claims check`: which disagreements are new against a committed baseline, and how to say so."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .types import Article, Claim, Finding, Quote, Result

SCHEMA = "claims-baseline/1"
BASELINE_NAME = "claims.baseline.json"


class BaselineError(ValueError):
    """The baseline file cannot be used; the message names it and says why."""


def default_baseline(paths: list[Path]) -> Path:
    """`claims.baseline.json` beside the (first) corpus path."""
    first = Path(paths[0])
    return first.resolve().parent / BASELINE_NAME


def fingerprint(finding: Finding, claims: dict[str, Claim], quotes: dict[str, Quote]) -> str:
    """Stable across runs and unrelated edits: what, scope, and each article's statements.

    Offsets and ids are left out, so an edit elsewhere in an article (or in another article)
    does not invalidate an accepted disagreement; the figures themselves are in.
    """
    statements = []
    for cid in finding.claims:
        if cid in claims:
            c = claims[cid]
            statements.append([c.article, c.text, c.value, c.unit])
        elif cid in quotes:
            q = quotes[cid]
            statements.append([q.article, " ".join(q.text.split()), q.speaker])
    key = [finding.kind, finding.story, finding.what, finding.scope, finding.entity,
           sorted(statements, key=json.dumps), sorted(finding.articles)]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass
class Baseline:
    """Accepted disagreements, and the articles as they were when they were accepted."""

    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)  # fingerprint -> summary
    articles: dict[str, str] = field(default_factory=dict)  # path -> sha256

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """An empty baseline when the file does not exist; BaselineError when it is unusable."""
        path = Path(path)
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA:
                raise ValueError(f"schema is {data.get('schema')!r}, expected {SCHEMA!r}")
            accepted = {entry["fingerprint"]: entry for entry in data["accepted"]}
            articles = {str(k): str(v) for k, v in data.get("articles", {}).items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise BaselineError(f"{path}: not a claims baseline ({err})") from None
        return cls(accepted, articles)

    @classmethod
    def from_result(cls, result: Result) -> Baseline:
        claims = {c.id: c for c in result.claims}
        quotes = {q.id: q for q in result.quotes}
        accepted = {}
        for f in result.findings:
            if f.verdict == "disagree":
                fp = fingerprint(f, claims, quotes)
                accepted[fp] = {"fingerprint": fp, "kind": f.kind, "what": f.what,
                                "scope": f.scope, "story": f.story,
                                "explanation": f.explanation}
        articles = {a.path: a.sha256 for a in result.articles if not a.errors}
        return cls(accepted, articles)

    def to_json(self) -> str:
        data = {
            "schema": SCHEMA,
            "accepted": [self.accepted[k] for k in sorted(self.accepted)],
            "articles": dict(sorted(self.articles.items())),
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass
class Problem:
    """One thing that fails the check, pointing at a file and line where it can."""

    kind: str  # disagreement | unreadable
    file: str
    line: int | None
    message: str
    title: str


@dataclass
class CheckReport:
    problems: list[Problem]
    accepted: int  # disagreements found that the baseline accepts
    stale: int  # baseline entries no longer found (fixed, or their articles changed)

    @property
    def ok(self) -> bool:
        return not self.problems


def _display(article: Article | None, path: str) -> str:
    """The file as the user named it, when known; else the path within the corpus."""
    return article.file if article is not None and article.file else path


def check(result: Result, baseline: Baseline) -> CheckReport:
    """Unreadable articles, and disagreements the baseline does not accept."""
    claims = {c.id: c for c in result.claims}
    quotes = {q.id: q for q in result.quotes}
    articles = {a.path: a for a in result.articles}
    problems = [
        Problem("unreadable", _display(a, a.path), None, message, "article could not be read")
        for a in result.articles for message in a.errors
    ]
    found, accepted = set(), 0
    for f in result.findings:
        if f.verdict != "disagree":
            continue
        fp = fingerprint(f, claims, quotes)
        found.add(fp)
        if fp in baseline.accepted:
            accepted += 1
            continue
        problems.extend(_disagreement(f, claims, quotes, articles, baseline))
    stale = len(set(baseline.accepted) - found)
    return CheckReport(problems, accepted, stale)


def _disagreement(f: Finding, claims: dict[str, Claim], quotes: dict[str, Quote],
                  articles: dict[str, Article], baseline: Baseline) -> list[Problem]:
    """One problem per statement from a new or changed article (all, if none is new)."""
    items: list[tuple[str, int, str]] = []  # article, line, as stated
    for cid in f.claims:
        if cid in claims:
            c = claims[cid]
            items.append((c.article, c.line, c.text))
        elif cid in quotes:
            q = quotes[cid]
            items.append((q.article, q.line, f"“{q.text[:60]}…” ({q.speaker})"))
    changed = [i for i in items
               if baseline.articles.get(i[0]) != getattr(articles.get(i[0]), "sha256", None)]
    scope = f" ({f.scope})" if f.scope else ""
    title = f"disagreement on {f.what}{scope}"
    out = []
    for article, line, stated in changed or items:
        others = "; ".join(f"{s} [{a}:{n}]" for a, n, s in items if a != article)
        message = f"{stated} contradicts {others}. {f.explanation}"
        out.append(Problem("disagreement", _display(articles.get(article), article), line,
                           message, title))
    return out


def render_text(report: CheckReport) -> str:
    lines = []
    for p in report.problems:
        where = f"{p.file}:{p.line}" if p.line is not None else p.file
        lines.append(f"{where}: {p.title}: {p.message}")
    new = sum(p.kind == "disagreement" for p in report.problems)
    unreadable = sum(p.kind == "unreadable" for p in report.problems)
    summary = (f"{new} new disagreement statement(s), {unreadable} unreadable article(s); "
               f"{report.accepted} disagreement(s) accepted by the baseline")
    if report.stale:
        summary += f"; {report.stale} baseline entr(ies) no longer found (--update-baseline)"
    lines.append(("FAILED: " if not report.ok else "ok: ") + summary)
    return "\n".join(lines) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    """GitHub workflow command escaping."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(report: CheckReport) -> str:
    """`::error file=…,line=…,title=…::message` annotations, then a plain summary line."""
    lines = []
    for p in report.problems:
        props = f"file={_escape(p.file, prop=True)}"
        if p.line is not None:
            props += f",line={p.line}"
        props += f",title={_escape('claims: ' + p.title, prop=True)}"
        lines.append(f"::error {props}::{_escape(p.message)}")
    lines.append(render_text(CheckReport([], report.accepted, report.stale)).strip()
                 if report.ok else render_text(report).splitlines()[-1])
    return "\n".join(lines) + "\n"


def render_json(report: CheckReport) -> str:
    data = {
        "schema": "claims-check/1",
        "ok": report.ok,
        "accepted": report.accepted,
        "stale": report.stale,
        "problems": [p.__dict__ for p in report.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
