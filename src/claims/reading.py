"""Find article files, decode them without guessing silently, and mark their page furniture."""

from __future__ import annotations

import codecs
import errno
import hashlib
import html
import html.entities
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from charset_normalizer import from_bytes

from claims.resources import load_json, models_dir
from claims.types import Article

BOILERPLATE_FILE = "boilerplate.json"
ARTICLE_SUFFIX = ".txt"


class UsageError(Exception):
    """A problem with the arguments themselves (a path that does not exist, a folder with no
    articles): the run cannot start, so the CLI exits 2."""


class DecodeError(ValueError):
    """The bytes of a file are not text this project can read; the message says why."""


@dataclass(frozen=True)
class Source:
    """One article file found by discovery."""

    file: Path  # the file on disk
    root: Path  # the corpus root it is relative to
    rel: str  # path relative to root, "/"-separated


# --------------------------------------------------------------------------- discovery


def discover(paths: Sequence[Path]) -> tuple[list[Source], list[Article]]:
    """Every .txt file under `paths` (files or folders, recursive, sorted by rel, each file once).

    A folder argument is its own root; a file argument's root is its parent folder, and it is read
    whatever its suffix because the user named it. Hidden files and folders are skipped while
    walking. Broken entries (unreadable folders, broken symlinks, symlink loops) come back as
    Article records with `errors` set. Raises UsageError for a path that does not exist and for a
    folder with no .txt files.
    """
    found: list[tuple[Source, tuple[int, int]]] = []
    broken: list[Article] = []
    for given in paths:
        path = Path(given)
        try:
            info = os.stat(path)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError) and not path.is_symlink():
                raise UsageError(f"{path}: no such file or folder") from None
            rel = path.name or path.as_posix()
            broken.append(_broken(rel, _describe_os_error(exc, path)))
            continue
        if stat.S_ISDIR(info.st_mode):
            sources, problems = _walk_root(path, info)
            if not sources and not problems:
                raise UsageError(f"{path}: no {ARTICLE_SUFFIX} articles found")
            found.extend(sources)
            broken.extend(problems)
        elif stat.S_ISREG(info.st_mode):
            found.append((Source(file=path, root=path.parent, rel=path.name), _identity(info)))
        else:
            broken.append(_broken(path.name, "not a regular file"))

    # The same file can be reached twice (overlapping arguments, symlinks, hard links); the first
    # in rel order wins so the choice does not depend on argument order.
    found.sort(key=lambda item: (item[0].rel, item[0].root.as_posix()))
    seen: set[tuple[int, int]] = set()
    sources: list[Source] = []
    for source, identity in found:
        if identity not in seen:
            seen.add(identity)
            sources.append(source)
    unique_broken = {a.path: a for a in sorted(broken, key=lambda a: a.path)}
    return sources, list(unique_broken.values())


def _walk_root(
    root: Path, info: os.stat_result
) -> tuple[list[tuple[Source, tuple[int, int]]], list[Article]]:
    sources: list[tuple[Source, tuple[int, int]]] = []
    broken: list[Article] = []
    _walk(root, root, {_identity(info): "the corpus root"}, sources, broken)
    return sources, broken


def _walk(
    folder: Path,
    root: Path,
    ancestors: dict[tuple[int, int], str],
    sources: list[tuple[Source, tuple[int, int]]],
    broken: list[Article],
) -> None:
    # A hand-written walk rather than os.walk(followlinks=True): that one recurses forever on a
    # symlink pointing at its own ancestor, and it cannot say which entry was the problem.
    folder_rel = _rel(folder, root) if folder != root else folder.as_posix()
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        broken.append(_broken(folder_rel, f"cannot list folder: {_describe_os_error(exc, folder)}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        rel = _rel(path, root)
        is_article = entry.name.lower().endswith(ARTICLE_SUFFIX)
        try:
            info = os.stat(path)
        except OSError as exc:
            # Only entries that claim to be articles are worth reporting; a dangling link to an
            # image or a stale editor file is not the corpus's problem.
            if is_article:
                broken.append(_broken(rel, _describe_os_error(exc, path)))
            continue
        if stat.S_ISDIR(info.st_mode):
            identity = _identity(info)
            if identity in ancestors:
                broken.append(_broken(rel, f"symlink loop (leads back to {ancestors[identity]})"))
                continue
            _walk(path, root, {**ancestors, identity: rel}, sources, broken)
        elif is_article:
            if stat.S_ISREG(info.st_mode):
                sources.append((Source(file=path, root=root, rel=rel), _identity(info)))
            else:
                # A FIFO or device named *.txt would block or stream forever when read.
                broken.append(_broken(rel, "not a regular file"))


def _identity(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def story_of(rel: str) -> str:
    """The folder an article sits in, relative to the root ("" at the root)."""
    parent = PurePosixPath(rel).parent.as_posix()
    return "" if parent == "." else parent


def _broken(rel: str, why: str) -> Article:
    return Article(path=rel, sha256="", story=story_of(rel), errors=[f"{rel}: {why}"])


def _describe_os_error(exc: OSError, path: Path) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return f"broken symlink (target {os.readlink(path)} does not exist)"
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read ({exc.strerror or exc})"


# --------------------------------------------------------------------------- decoding

_BOMS = (
    # UTF-32-LE's mark starts with UTF-16-LE's, so the longer marks are tried first.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # zip, docx, epub
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
)
# Legacy web text is overwhelmingly windows-1252 (WHATWG even decodes "iso-8859-1" as it), so it
# breaks the detector's exact ties; it never overrides a detector preference.
_WEB_LEGACY_DEFAULT = "cp1252"
UNICODE_ENCODINGS = frozenset(name for _, name in _BOMS) | {"utf-8"}


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for a file's bytes; a byte-order mark is not part of the text.

    UTF-8 with or without BOM, UTF-16/32 with a BOM, else a legacy 8-bit encoding chosen by
    charset_normalizer, unless the bytes are mostly well-formed UTF-8 with a few bad bytes: that is
    a damaged UTF-8 file, and reading it as cp1252 would mangle every other non-ASCII character.
    Raises DecodeError saying why the bytes are not readable text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(first bad byte at offset {exc.start + len(bom)})"
                ) from None
            if "\x00" in text:
                raise DecodeError("binary file")
            return text, encoding
    if b"\x00" in data or data.startswith(_BINARY_MAGIC):
        raise DecodeError("binary file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    _refuse_broken_utf8(data, first_bad)
    return _decode_legacy(data, first_bad)


def _refuse_broken_utf8(data: bytes, first_bad: int) -> None:
    replaced = data.decode("utf-8", errors="replace")
    # The decoder puts one U+FFFD per maximal invalid sequence, so a character cut in half counts
    # once; U+FFFD characters that were really in the file are not damage.
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    good = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    # A legacy 8-bit file almost never forms a valid UTF-8 sequence by accident (an accented
    # letter followed by ASCII is invalid), so more good characters than bad spots means UTF-8.
    if good > bad:
        raise DecodeError(
            f"broken UTF-8: {bad} invalid byte sequence(s) in otherwise UTF-8 text "
            f"(first bad byte 0x{data[first_bad]:02X} at offset {first_bad})"
        )


def _decode_legacy(data: bytes, first_bad: int) -> tuple[str, str]:
    unexplained = DecodeError(
        f"not UTF-8 and no encoding explains it (first bad byte at offset {first_bad})"
    )
    # UTF-16/32 are accepted only with a BOM; without one the detector's guess is noise.
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise unexplained
    best = matches[0]
    encoding = best.encoding
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if any(_WEB_LEGACY_DEFAULT in m.could_be_from_charset for m in tied):
        encoding = _WEB_LEGACY_DEFAULT
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise unexplained from None
    if "\x00" in text:
        raise DecodeError("binary file")
    return text, encoding


# --------------------------------------------------------------------------- boilerplate

_RULE_KINDS = ("line", "line_end")
_LINE = re.compile(r"[^\n]+")
_NOT_NEWLINE = re.compile(r"[^\n]")
# Rules run on a same-length view of the text: line breaks become "\n" and every other
# whitespace character a plain space, so rules need not know about "\r\n", NBSP or tabs and
# offsets in the view are offsets in the text.
_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_VIEW_TABLE = {
    code: ("\n" if chr(code) in _LINE_BREAKS else " ")
    for code in range(0x3001)
    if chr(code).isspace() and chr(code) not in "\n "
}


@dataclass(frozen=True)
class BoilerplateRule:
    """One pattern from boilerplate.json, compiled."""

    name: str
    kind: str  # "line": matches a whole line; "line_end": matches at the end of a line
    comment: str
    pattern: re.Pattern[str]


class BoilerplateRules:
    """The page-furniture rules from models/boilerplate.json, compiled once."""

    def __init__(
        self, rules: Sequence[BoilerplateRule], max_line_chars: int, line_end_window_chars: int
    ) -> None:
        self.rules = tuple(rules)
        self.max_line_chars = max_line_chars
        self.line_end_window_chars = line_end_window_chars
        whole_line = [r.pattern.pattern for r in self.rules if r.kind == "line"]
        # One alternation means one regex call per line instead of one per rule and line.
        self._whole_line = re.compile("|".join(f"(?:{p})" for p in whole_line) or r"(?!)")
        self._line_end = [r.pattern for r in self.rules if r.kind == "line_end"]

    @classmethod
    def load(cls, directory: Path | None = None) -> BoilerplateRules:
        """The rules shipped in `models/` (or in `directory`); parsed and compiled once."""
        return _load_rules(directory or models_dir())

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = BOILERPLATE_FILE) -> BoilerplateRules:
        """Build from the JSON document; a bad rule raises ValueError naming it."""
        rules = [_compile_rule(i, raw, source) for i, raw in enumerate(data["rules"])]
        return cls(rules, int(data["max_line_chars"]), int(data["line_end_window_chars"]))

    def find(self, text: str) -> list[tuple[int, int]]:
        """Sorted, merged [start, end) character ranges of `text` that are page furniture."""
        view = text.translate(_VIEW_TABLE)
        ranges: list[tuple[int, int]] = []
        for line in _LINE.finditer(view):
            content = line.group()
            stripped = content.strip(" ")
            if not stripped:
                continue
            start = line.start() + len(content) - len(content.lstrip(" "))
            end = start + len(stripped)
            # Furniture lines are short; skipping long ones also bounds every regex's work.
            if end - start <= self.max_line_chars and self._whole_line.fullmatch(view, start, end):
                ranges.append((start, end))
                continue
            window = max(start, end - self.line_end_window_chars)
            for pattern in self._line_end:
                hit = pattern.search(view, window, end)
                if hit:
                    marked = hit.span("mark") if "mark" in pattern.groupindex else hit.span()
                    ranges.append(marked if marked[0] >= 0 else hit.span())
                    break
        return merge_ranges(ranges)


@cache
def _load_rules(directory: Path) -> BoilerplateRules:
    return BoilerplateRules.from_dict(
        load_json(BOILERPLATE_FILE, directory), source=str(directory / BOILERPLATE_FILE)
    )


def _compile_rule(index: int, raw: dict[str, Any], source: str) -> BoilerplateRule:
    name = raw.get("name") or f"#{index}"
    where = f"{source}: rule {name!r}"
    if raw.get("kind") not in _RULE_KINDS:
        raise ValueError(f"{where}: kind must be one of {_RULE_KINDS}, got {raw.get('kind')!r}")
    if not raw.get("comment"):
        raise ValueError(f"{where}: every rule needs a comment saying what it catches")
    text = raw["pattern"]
    if raw.get("ignore_case"):
        text = f"(?i:{text})"
    if raw["kind"] == "line_end":
        text = rf"(?:{text})\Z"
    try:
        pattern = re.compile(text)
    except re.error as exc:
        raise ValueError(f"{where}: bad regular expression: {exc}") from None
    if raw["kind"] == "line" and pattern.groupindex:
        # Whole-line rules are joined into one alternation, where group names would clash.
        raise ValueError(f"{where}: whole-line rules cannot use named groups")
    return BoilerplateRule(name=name, kind=raw["kind"], comment=raw["comment"], pattern=pattern)


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort [start, end) ranges and merge those that overlap or touch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# --------------------------------------------------------------------------- markup, non-prose

# HTML saved as .txt: tags, comments, <script>/<style> blocks and character references are page
# machinery, never prose ('<td width="300">' is not a claim). Only names of real HTML elements
# count as tags, so "x <y and z> w" in prose is left alone.
_ELEMENT_NAMES = """
    a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em
    embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header
    hgroup hr html i iframe img input ins kbd label legend li link main map mark meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script section select small source span strike strong style sub summary sup svg table tbody
    td template textarea tfoot th thead time title tr track tt u ul var video wbr
"""
_HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
# A tag ends at the first ">" and never crosses a "<": a malformed tag cannot swallow prose, and
# each attempt stops at the next angle bracket, so the scan stays linear.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9]*)?)(?:[\s/][^<>]*)?>")
_DECLARATION = re.compile(r"<![A-Za-z\[][^<>]*>")  # <!DOCTYPE html>, <![endif]>
# Elements whose content is code, not text: marked from the opening tag to the closing one.
_RAW_TEXT = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
_CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")
_NAMED_REFS = frozenset(name.rstrip(";") for name in html.entities.html5)
# No word, number or URL in a sentence is this long: a run without whitespace this long is a
# base64 blob, a hash, a separator line or debris. spaCy's tokenizer strips affixes from a token
# one at a time, so its cost grows with the square of the token's length ("(" * 20_000 takes
# most of a minute); marking such runs keeps every parse linear in the article's length.
LONG_RUN_CHARS = 200
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONG_RUN_CHARS}}}\S*")


def markup_ranges(text: str) -> list[tuple[int, int]]:
    """Sorted, merged [start, end) ranges of `text` that are HTML markup or not prose at all:
    tags, comments, declarations, <script>/<style> blocks, character references ("&nbsp;"),
    and runs of LONG_RUN_CHARS or more characters without whitespace."""
    ranges = [m.span() for m in _LONG_RUN.finditer(text)]
    ranges += [m.span() for m in _DECLARATION.finditer(text)]
    ranges += [m.span() for m in _CHAR_REF.finditer(text)
               if m.group(1) is None or m.group(1) in _NAMED_REFS]
    ranges += _comments(text)
    unclosed: set[str] = set()  # no closing tag after some point: later ones need no search
    for m in _TAG.finditer(text):
        name = m.group(1).lower()
        if name not in _HTML_ELEMENTS and ":" not in name:
            continue
        end = m.end()
        if name in _RAW_TEXT and not m.group().startswith("</") and name not in unclosed:
            closing = _RAW_TEXT[name].search(text, end)
            if closing is None:
                unclosed.add(name)
            else:
                end = closing.end()
        ranges.append((m.start(), end))
    return merge_ranges(ranges)


def _comments(text: str) -> list[tuple[int, int]]:
    ranges = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:  # unterminated: mark the opener only; no later comment can close either
            ranges.append((start, start + 4))
            break
        ranges.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return ranges


# --------------------------------------------------------------------------- articles


def read_article(source: Source, rules: BoilerplateRules) -> Article:
    """Read, hash, decode and mark one file; input problems go to `errors`, never raise."""
    rel = source.rel
    article = Article(path=rel, sha256="", story=story_of(rel), file=str(source.file))
    try:
        data = source.file.read_bytes()
    except OSError as exc:
        article.errors.append(f"{rel}: {_describe_os_error(exc, source.file)}")
        return article
    article.sha256 = hashlib.sha256(data).hexdigest()
    try:
        article.text, article.encoding = decode(data)
    except DecodeError as exc:
        article.errors.append(f"{rel}: {exc}")
        return article
    if not article.text.strip():
        article.warnings.append(f"{rel}: empty file")
        return article
    if article.encoding not in UNICODE_ENCODINGS:
        # A detector's guess, right for ordinary text, so worth a warning but not an error.
        article.warnings.append(f"{rel}: not UTF-8, read as {article.encoding}")
    article.boilerplate = merge_ranges(rules.find(article.text) + markup_ranges(article.text))
    return article


def masked_text(article: Article) -> str:
    """The text with every boilerplate character except newlines turned into a space.

    Same length as `article.text`, so offsets into it are offsets into the text; this is what
    gets parsed, so furniture can never yield claims or entities.
    """
    text = article.text
    parts: list[str] = []
    position = 0
    for start, end in merge_ranges(article.boilerplate):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        parts.append(text[position:start])
        parts.append(_blank(text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _blank(chunk: str) -> str:
    """Spaces for everything but newlines, except that a character reference that stands for a
    visible sign the prose needs keeps it: '&pound;20' is masked as '£      20'."""
    out = list(_NOT_NEWLINE.sub(" ", chunk))
    for m in _CHAR_REF.finditer(chunk):
        char = html.unescape(m.group())
        if len(char) == 1 and unicodedata.category(char)[0] not in "ZC":
            out[m.start()] = char
    return "".join(out)
