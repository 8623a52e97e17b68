"""Broken articles (issue #6): each kind gets a clear message and the right exit code, and the
good articles beside it are still reported. Every case is a file made in a temporary folder and
driven through the CLI (typer's CliRunner) or `extract_corpus`."""

from __future__ import annotations

import base64
import json
import os
import random
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cache import Cache
from claims.cli import app
from claims.extract import extract_articles, extract_corpus, split_points
from claims.reading import LONG_RUN_CHARS, BoilerplateRules, Source, read_article
from claims.types import Article
from claims.units import Units

ROOT = Path(__file__).resolve().parents[1]
SPECTOR = ROOT / "corpus" / "operation-spector"
runner = CliRunner()

GOOD = "Agents seized 850 kilograms of cocaine in the raid.\n\nThe operation led to 288 arrests, police said.\n"
GOOD_CLAIMS = [("850 kilograms", 850.0, "kilogram"), ("288 arrests", 288.0, None)]
# The other encodings need real words around the accents, or no detector could tell them apart.
ACCENTED = (
    "“The agents seized 850 kilograms of cocaine,” the café owner said.\n"
    "Police made 288 arrests in Zürich — a record for the crème de la crème of the force.\n"
)
LATIN1 = (
    "The new café on Main Street opened on Tuesday, the owner said. It serves coffee, tea and "
    "crème brûlée to the 850 people who work in the offices nearby, and it stays open late.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
BROKEN_UTF8 = ("A “quoted” line — fine. " * 10).encode() + b"bad \xe9 byte"


@pytest.fixture
def claims(nlp, monkeypatch):
    """Run `claims ...` in process on the session's pipeline (loading one per call is slow)."""
    monkeypatch.setattr("claims.pipeline.load_pipeline", lambda model=None: nlp)

    def invoke(*args: object):
        return runner.invoke(app, [str(a) for a in args])

    return invoke


def write(path: Path, data: bytes | str = GOOD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def as_json(result) -> dict:
    """The JSON report, refusing NaN and Infinity: they are not JSON, whatever Python accepts."""

    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(result.stdout, parse_constant=refuse)


def articles_of(doc: dict) -> dict[str, dict]:
    return {a["path"]: a for a in doc["articles"]}


def claims_of(doc: dict, path: str) -> list[tuple[str, float, str | None]]:
    return [(c["text"], c["value"], c["unit"]) for c in doc["claims"] if c["article"] == path]


def stderr_lines(result) -> list[str]:
    return result.stderr.splitlines()


# --------------------------------------------------------------------------- empty files


def test_empty_and_blank_files_are_reported_as_empty_and_stop_nothing(tmp_path, claims):
    write(tmp_path / "good.txt")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", b" \n\t\r\n  \n")
    write(tmp_path / "bom-only.txt", b"\xef\xbb\xbf")

    result = claims("extract", tmp_path, "--format", "json")

    assert result.exit_code == 0, result.output
    doc = as_json(result)
    found = articles_of(doc)
    for name in ("empty.txt", "blank.txt", "bom-only.txt"):
        assert found[name]["errors"] == []
        assert found[name]["warnings"] == [f"{name}: empty file"]
        assert claims_of(doc, name) == []
    assert claims_of(doc, "good.txt") == GOOD_CLAIMS
    assert stderr_lines(result) == [
        "warning: blank.txt: empty file",
        "warning: bom-only.txt: empty file",
        "warning: empty.txt: empty file",
    ]


def test_a_folder_of_empty_files_checks_clean(tmp_path, claims):
    write(tmp_path / "corpus" / "empty.txt", b"")
    result = claims("check", tmp_path / "corpus", "--baseline", tmp_path / "baseline.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("ok: 0 new disagreement statement(s), 0 unreadable")


# --------------------------------------------------------------------------- binary files


def test_binary_files_are_skipped_as_binary(tmp_path, claims):
    write(tmp_path / "good.txt")
    write(tmp_path / "nul.txt", b"Agents seized 850 kilograms\x00\x00 of cocaine.")
    write(tmp_path / "image.txt", PNG)
    write(tmp_path / "paper.txt", PDF)
    write(tmp_path / "utf16-nul.txt", "\ufeffnul\x00inside".encode("utf-16-le"))

    result = claims("extract", tmp_path, "--format", "json")

    assert result.exit_code == 1
    doc = as_json(result)
    found = articles_of(doc)
    for name in ("nul.txt", "image.txt", "paper.txt", "utf16-nul.txt"):
        assert found[name]["errors"] == [f"{name}: binary file"]
    assert {c["article"] for c in doc["claims"]} == {"good.txt"}
    assert stderr_lines(result) == [
        "error: image.txt: binary file",
        "error: nul.txt: binary file",
        "error: paper.txt: binary file",
        "error: utf16-nul.txt: binary file",
        "4 of 5 articles failed",
    ]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "name,data,text,encoding,warning",
    [
        ("utf16-le.txt", "\ufeff".encode("utf-16-le") + ACCENTED.encode("utf-16-le"), ACCENTED, "utf-16-le", None),
        ("utf16-be.txt", "\ufeff".encode("utf-16-be") + ACCENTED.encode("utf-16-be"), ACCENTED, "utf-16-be", None),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + ACCENTED.encode(), ACCENTED, "utf-8-sig", None),
        ("cp1252.txt", ACCENTED.encode("cp1252"), ACCENTED, "cp1252", "cp1252.txt: not UTF-8, read as cp1252"),
        ("latin1.txt", LATIN1.encode("latin-1"), LATIN1, "cp1252", "latin1.txt: not UTF-8, read as cp1252"),
    ],
)
def test_other_encodings_are_decoded_and_offsets_point_into_the_decoded_text(
    tmp_path, nlp, name, data, text, encoding, warning
):
    write(tmp_path / name, data)
    result = extract_corpus([tmp_path], nlp)

    [article] = result.articles
    assert (article.encoding, article.errors) == (encoding, [])
    assert article.warnings == ([warning] if warning else [])
    assert article.text == text
    expected = [("850 kilograms", 850.0, "kilogram"), ("288 arrests", 288.0, None)]
    if name == "latin1.txt":
        expected = [("850 people", 850.0, None)]
    assert [(c.text, c.value, c.unit) for c in result.claims] == expected
    for c in result.claims:
        assert text[c.start : c.end] == c.text
        assert c.line == text.count("\n", 0, c.start) + 1


def test_quotes_and_mentions_point_into_utf16_text(tmp_path, nlp):
    original = (SPECTOR / "the-stream.txt").read_text(encoding="utf-8")
    write(tmp_path / "a.txt", "\ufeff".encode("utf-16-le") + original.encode("utf-16-le"))
    result = extract_corpus([tmp_path], nlp)
    assert result.claims and result.quotes and result.mentions
    for c in result.claims:
        assert original[c.start : c.end] == c.text
    for q in result.quotes:
        assert " ".join(original[q.start : q.end].split()) == " ".join(q.text.split())
    for m in result.mentions:
        assert original[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "data,message",
    [
        (
            bytes(range(0x80, 0x100)) * 3,
            "bad.txt: not UTF-8 and no encoding explains it (first bad byte at offset 0)",
        ),
        (
            BROKEN_UTF8,
            "bad.txt: broken UTF-8: 1 invalid byte sequence(s) in otherwise UTF-8 text "
            f"(first bad byte 0xE9 at offset {len(BROKEN_UTF8) - 6})",
        ),
        (
            b"\xff\xfe\x00\xd8",
            "bad.txt: starts with a utf-16-le byte-order mark but is not valid utf-16-le "
            "(first bad byte at offset 2)",
        ),
    ],
)
def test_undecodable_bytes_are_reported_with_their_offset(tmp_path, claims, data, message):
    write(tmp_path / "good.txt")
    write(tmp_path / "bad.txt", data)
    result = claims("extract", tmp_path, "--format", "json")
    assert result.exit_code == 1
    doc = as_json(result)
    assert articles_of(doc)["bad.txt"]["errors"] == [message]
    assert claims_of(doc, "bad.txt") == []
    assert claims_of(doc, "good.txt") == GOOD_CLAIMS
    assert stderr_lines(result) == [f"error: {message}", "1 of 2 articles failed"]


# --------------------------------------------------------------------------- above max_length


def test_split_points_prefer_paragraphs_then_lines_then_sentences_then_spaces() -> None:
    text = "aaaa bbbb.\ncccc dddd\n\neeee ffff. gggg hhhh iiii"
    assert split_points(text, 100) == [(0, len(text))]
    pieces = split_points(text, 24)
    assert [text[s:e] for s, e in pieces] == ["aaaa bbbb.\ncccc dddd\n\n", "eeee ffff. gggg hhhh ", "iiii"]
    assert split_points("x" * 10, 4) == [(0, 4), (4, 8), (8, 10)]  # no break at all: cut hard


def test_an_article_above_max_length_is_parsed_in_pieces_with_offsets_in_the_article(nlp, monkeypatch):
    """Lower max_length so the Texas article (9.5k characters) needs six pieces: claims and
    quotes come out exactly as from one parse; mentions point into the article."""
    rules = BoilerplateRules.load()
    source = Source(SPECTOR / "texas-border-business.txt", SPECTOR.parent, "s/texas.txt")
    whole = next(extract_articles([read_article(source, rules)], nlp))
    monkeypatch.setattr(nlp, "max_length", 2000)
    article = read_article(source, rules)
    pieced = next(extract_articles([article], nlp))

    assert article.errors == []
    assert article.warnings == [
        f"s/texas.txt: {len(article.text):,} characters, above the pipeline's max_length of 2,000; "
        "parsed in 6 pieces split at paragraph breaks"
    ]
    assert [c.to_dict() for c in pieced.claims] == [c.to_dict() for c in whole.claims]
    assert [q.to_dict() for q in pieced.quotes] == [q.to_dict() for q in whole.quotes]
    assert len(pieced.claims) == 40 and len(pieced.quotes) == 14
    for m in pieced.mentions:
        assert article.text[m.start : m.end] == m.text
    for c in pieced.claims:
        assert c.holder is None or article.text[c.holder.start : c.holder.end] == c.holder.text
    # an acronym defined in an earlier piece is not known in later ones; the rest is the same
    whole_mentions = {(m.start, m.end, m.text, m.label) for m in whole.mentions}
    assert {(m.start, m.end, m.text, m.label) for m in pieced.mentions} <= whole_mentions
    assert len(pieced.mentions) >= len(whole.mentions) - 3


def test_pieces_are_the_same_with_worker_processes(nlp, monkeypatch, tmp_path):
    write(tmp_path / "texas.txt", (SPECTOR / "texas-border-business.txt").read_bytes())
    write(tmp_path / "short.txt")
    monkeypatch.setattr(nlp, "max_length", 3000)
    one = extract_corpus([tmp_path], nlp)
    two = extract_corpus([tmp_path], nlp, n_process=2)
    assert two.to_dict() == one.to_dict()
    assert [(a.path, a.warnings == []) for a in one.articles] == [("short.txt", True), ("texas.txt", False)]


def test_a_warm_run_reports_the_pieces_warning_a_cold_run_did(nlp, monkeypatch, tmp_path):
    write(tmp_path / "corpus" / "texas.txt", (SPECTOR / "texas-border-business.txt").read_bytes())
    monkeypatch.setattr(nlp, "max_length", 3000)
    cache = Cache(tmp_path / "cache", "fingerprint")
    cold = extract_corpus([tmp_path / "corpus"], nlp, cache=cache)
    warm = extract_corpus([tmp_path / "corpus"], nlp, cache=cache)
    assert cache.hits == 1
    [article] = warm.articles
    assert len(article.warnings) == 1 and "parsed in 4 pieces" in article.warnings[0]
    assert warm.to_dict() == cold.to_dict()


def test_a_5_mb_article_is_processed_in_pieces(tmp_path, claims):
    """A web page saved as .txt with its chart inlined: 5 MB, five times spaCy's max_length. The
    inlined image is markup, so this runs in seconds; the figures around it keep their offsets."""
    rng = random.Random(6)
    blob = base64.b64encode(rng.randbytes(3_750_000)).decode()
    before = (SPECTOR / "doj-release-reworded.txt").read_text(encoding="utf-8")
    after = "Agents seized 850 kilograms of cocaine in the raid.\n\nThe operation led to 288 arrests.\n"
    text = (f"<html><body>\n{before}\n<p><img alt=\"chart\" src=\"data:image/png;base64,{blob}\"></p>\n"
            f"{'<p>&nbsp;</p>' * 10_000}\n{after}</body></html>\n")
    write(tmp_path / "page.txt", text)
    assert len(text.encode()) > 5_000_000

    started = time.perf_counter()
    result = claims("extract", tmp_path, "--format", "json", "--no-cache")
    assert time.perf_counter() - started < 300  # a guard against hangs; ~10 s here

    assert result.exit_code == 0, result.output
    doc = as_json(result)
    [article] = doc["articles"]
    assert article["errors"] == []
    assert article["warnings"] == [
        f"page.txt: {len(text):,} characters, above the pipeline's max_length of 1,000,000; "
        "parsed in 2 pieces split at paragraph breaks"
    ]
    for c in doc["claims"]:
        assert text[c["start"] : c["end"]] == c["text"]
        assert c["line"] == text.count("\n", 0, c["start"]) + 1
    tail = [(c["text"], c["value"], c["unit"], c["line"]) for c in doc["claims"]
            if c["start"] > len(text) - 200]
    last_line = text.count("\n") - 1
    assert tail == [("850 kilograms", 850.0, "kilogram", last_line - 2),
                    ("288 arrests", 288.0, None, last_line)]
    assert "288 arrests" in {c["text"] for c in doc["claims"] if c["start"] < len(before) + 20}


# --------------------------------------------------------------------------- bounded time


def bounded(nlp, tmp_path: Path, text: str, seconds: float):
    """extract_corpus on one article; fails if it takes longer than `seconds` (a hang guard)."""
    write(tmp_path / "a.txt", text)
    started = time.perf_counter()
    result = extract_corpus([tmp_path], nlp)
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    [article] = result.articles
    assert article.errors == []
    for c in result.claims:
        assert text[c.start : c.end] == c.text
    return result


def test_a_single_1_mb_line_finishes(nlp, tmp_path):
    """An article whose line breaks were lost: 1 MB of real news prose on one line (~60 s)."""
    prose = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(SPECTOR.glob("*.txt")))
    text = ((prose + " ") * (1_000_000 // len(prose) + 1))[:1_000_000]
    assert "\n" not in text
    result = bounded(nlp, tmp_path, text, 900)
    assert len(result.claims) > 3000


PATHOLOGICAL_NUMBERS = (
    "The value was 1e308 kilograms, or 1.8e308, or 1e-400 grams.\n"
    "It was 10^1000 dollars, or 10**1000.\n"
    f"The count was {'9' * 500} arrests and ${'9' * 400}.{'9' * 100} in cash.\n"
    "Another 9,99,999 people came; version 1.2.3.4 shipped with 12 fixes.\n"
    "The ratio was 0.000000000000000000000000000000000000001 percent.\n"
    "It was 1,2,3,4,5,6,7,8,9,0 and 1.1.1.1.1 and 1,,000 and 1..5 kilograms.\n"
    "About -0 people, −5 kilograms and +-3 degrees.\n"
)


def test_pathological_numbers_finish_and_stay_finite(nlp, tmp_path):
    result = bounded(nlp, tmp_path, PATHOLOGICAL_NUMBERS, 60)
    for c in result.claims:
        for x in (c.value, c.low, c.high, c.normalized.value, c.normalized.low, c.normalized.high):
            assert x is None or abs(x) < float("inf"), c
    assert ("9,99,999 people", 999_999.0) in [(c.text, c.value) for c in result.claims]


def test_a_power_written_with_a_caret_is_not_its_exponent(nlp, tmp_path):
    result = bounded(nlp, tmp_path, "The debt was 10^1000 dollars.\n", 60)
    assert "1000 dollars" not in [c.text for c in result.claims]


def test_a_range_up_to_zero_million_is_not_a_crash(nlp, tmp_path):
    bounded(nlp, tmp_path, "0 between 5 and 0 million\n", 60)


def test_a_unit_pint_cannot_read_is_no_unit_not_a_failed_article(nlp, tmp_path):
    # found by the fuzz suite: "lrj 0[1" made Pint's tokenizer raise TokenError, and the whole
    # article was lost
    result = bounded(nlp, tmp_path, "0 0 0 0 0 lrj 0[1 0 0 \n", 60)
    assert [(c.text, c.unit) for c in result.claims] == [
        ("0", None), ("0", None), ("0", None), ("0", None), ("0 lrj 0[1", None), ("0", None),
        ("0", None)]


# an unclosed bracket (TokenError), a backslash (AssertionError), a division by zero
@pytest.mark.parametrize("words", ["lrj 0[1", "\\", "4|/0", "p(³58"])
def test_units_reads_an_unreadable_expression_as_no_unit(words):
    assert Units().unit_named(words) is None


def test_repeated_scale_words_stay_finite(tmp_path, claims):
    write(tmp_path / "a.txt", "It cost 5 " + "million " * 60 + "dollars.\n")
    result = claims("extract", tmp_path, "--format", "json")
    assert result.exit_code == 0
    as_json(result)


# Text built against regular expressions and the tokenizer: nested-quantifier bait, long runs of
# one character that spaCy's tokenizer strips one at a time, unterminated markup, and furniture
# words repeated where a rule could try every split. 50,000 characters each: enough for anything
# quadratic to take minutes ("(" * 20_000 took 42 s before such runs were marked).
ADVERSARIAL = {
    "parentheses": "(" * 50_000,
    "dollars": "$" * 50_000,
    "quotes": "“" * 50_000,
    "ampersands": "&" * 50_000,
    "short runs": ("(" * (LONG_RUN_CHARS - 1) + " ") * (50_000 // LONG_RUN_CHARS),
    "digits and commas": "9," * 25_000,
    "digits and dots": "1." * 25_000,
    "letters and hyphens": "a-" * 25_000,
    "unterminated tags": '<td width="' * 4_500,
    "unclosed tags": "<p " * 16_500,
    "unterminated comments": "<!--" * 12_500,
    "unclosed scripts": "<script>" * 6_250,
    "entities": "&nbsp;" * 8_000,
    "carriage returns": "a\r" * 25_000,
    "furniture words": "Copyright Photo by Advertisement " * 1_500,
    "qualifiers": "more than about nearly " * 2_150 + "5 kilograms.",
    "between": "between 5 and " * 3_500 + "6 kilograms.",
    # a table pasted as one sentence: thousands of figures hang off one chain of heads
    "figures without full stops": "5% " * 16_500,
    "a table on one line": ("Agents seized 850 kilograms of cocaine and 12 guns " * 1_000)[:50_000],
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_text_finishes(nlp, tmp_path, name):
    bounded(nlp, tmp_path, ADVERSARIAL[name], 120)


def test_a_long_chain_of_dashed_numbers_is_not_a_crash(nlp, tmp_path):
    bounded(nlp, tmp_path, "Scores: " + "1 - " * 3_000 + "1.\n", 120)


# --------------------------------------------------------------------------- HTML saved as .txt

HTML = """<!DOCTYPE html>
<html><head><title>Raid</title><style>td { width: 500px; height: 300px }</style>
<script>var n = 42; if (n < 7 && n > 3) { n = 12 }</script></head><body>
<!-- 5 kilograms of markup -->
<table><tr><td width="300"><img height=200 width=640 src="a.png">&nbsp;Agents seized 850 kilograms of cocaine.&nbsp;</td></tr></table>
<div style="margin: 10px; width: 640px"><p>The operation led to 288&#160;arrests.</p><br/></div>
<font size="3">&copy; 2024</font> <o:p></o:p>
</body></html>
"""


def test_html_tags_and_entities_are_not_claims(tmp_path, claims):
    write(tmp_path / "page.txt", HTML)
    result = claims("extract", tmp_path, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result)
    assert claims_of(doc, "page.txt") == [("850 kilograms", 850.0, "kilogram"),
                                          ("288&#160;arrests", 288.0, None)]
    for c in doc["claims"]:
        assert HTML[c["start"] : c["end"]] == c["text"]
    [article] = doc["articles"]
    marked = [HTML[s:e] for s, e in article["boilerplate"]]
    for markup in ('<td width="300">', "<img height=200 width=640 src=\"a.png\">&nbsp;",
                   "&#160;", "<!-- 5 kilograms of markup -->", "<o:p></o:p>"):
        assert any(markup in m for m in marked), markup
    assert "</title><style>td { width: 500px; height: 300px }</style>" in marked
    assert "<script>var n = 42; if (n < 7 && n > 3) { n = 12 }</script></head><body>" in marked


def test_a_character_reference_for_a_sign_keeps_its_meaning(tmp_path, claims):
    """Scraped text keeps '&pound;' for '£': the figure is money, and its text is the source's."""
    text = "The fine was &pound;20 million and bail &euro;5,000.\nHe said &quot;no&quot; twice.\n"
    write(tmp_path / "page.txt", text)
    doc = as_json(claims("extract", tmp_path, "--format", "json"))
    assert claims_of(doc, "page.txt") == [("&pound;20 million", 20_000_000.0, "GBP"),
                                          ("&euro;5,000", 5000.0, "EUR")]


@pytest.mark.parametrize("gap", ["\u00a0", "  ", "&nbsp;"])
def test_a_unit_after_a_wide_gap_is_read(tmp_path, nlp, gap):
    write(tmp_path / "a.txt", f"Agents seized 7{gap}kilograms of cocaine.\n")
    [claim] = extract_corpus([tmp_path], nlp).claims
    assert (claim.text, claim.unit, str(claim.what)) == (f"7{gap}kilograms", "kilogram", "cocaine")


def test_prose_with_angle_brackets_is_not_markup(tmp_path, nlp):
    text = "Fewer than 5 <b> and x <y and z> w; temperatures <30 degrees and >20 degrees.\n"
    write(tmp_path / "a.txt", text)
    result = extract_corpus([tmp_path], nlp)
    [article] = result.articles
    assert [text[s:e] for s, e in article.boilerplate] == ["<b>"]


# --------------------------------------------------------------------------- files that cannot be read


def test_unreadable_file_is_reported_and_the_others_processed(tmp_path, claims, monkeypatch):
    """chmod has no effect as root, so the read itself is made to fail."""
    write(tmp_path / "good.txt")
    locked = write(tmp_path / "locked.txt")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = claims("extract", tmp_path, "--format", "json")
    assert result.exit_code == 1
    doc = as_json(result)
    assert articles_of(doc)["locked.txt"]["errors"] == ["locked.txt: permission denied"]
    assert claims_of(doc, "good.txt") == GOOD_CLAIMS
    assert stderr_lines(result) == ["error: locked.txt: permission denied", "1 of 2 articles failed"]


def test_broken_symlinks_and_loops_are_reported(tmp_path, claims):
    write(tmp_path / "good.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    write(tmp_path / "story" / "b.txt", GOOD.replace("850", "851"))
    (tmp_path / "story" / "up").symlink_to(tmp_path)

    result = claims("extract", tmp_path, "--format", "json")

    assert result.exit_code == 1
    doc = as_json(result)
    errors = {a["path"]: a["errors"] for a in doc["articles"] if a["errors"]}
    assert errors == {
        "gone.txt": [f"gone.txt: broken symlink (target {tmp_path / 'missing.txt'} does not exist)"],
        "self.txt": ["self.txt: symlink loop"],
        "story/up": ["story/up: symlink loop (leads back to the corpus root)"],
    }
    assert claims_of(doc, "good.txt") == GOOD_CLAIMS
    assert claims_of(doc, "story/b.txt") == [("851 kilograms", 851.0, "kilogram"), ("288 arrests", 288.0, None)]
    assert stderr_lines(result) == [
        f"error: gone.txt: broken symlink (target {tmp_path / 'missing.txt'} does not exist)",
        "error: self.txt: symlink loop",
        "error: story/up: symlink loop (leads back to the corpus root)",
        "3 of 5 articles failed",
    ]


@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path, claims, command):
    write(tmp_path / "good.txt")
    missing = tmp_path / "nowhere.txt"
    result = claims(command, tmp_path / "good.txt", missing)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"error: {missing}: no such file or folder"]
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_folder_with_no_articles_is_a_usage_error(tmp_path, claims, command):
    write(tmp_path / "corpus" / "notes.md", "Not an article.")
    write(tmp_path / "corpus" / ".hidden.txt")
    result = claims(command, tmp_path / "corpus")
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"error: {tmp_path / 'corpus'}: no .txt articles found"]


def test_a_bad_option_is_a_usage_error(tmp_path, claims):
    write(tmp_path / "good.txt")
    assert claims("extract", tmp_path, "--format", "xml").exit_code == 2
    assert claims("extract", tmp_path, "--workers", "0").exit_code == 2
    assert claims("check", tmp_path, "--no-such-option").exit_code == 2


# --------------------------------------------------------------------------- duplicates


def test_the_same_article_under_two_names_is_a_duplicate_counted_once(tmp_path, claims):
    write(tmp_path / "story" / "a.txt")
    write(tmp_path / "story" / "b copy.txt")
    write(tmp_path / "story" / "c.txt", "Police made 288 arrests.\n")

    result = claims("extract", tmp_path, "--format", "json")

    assert result.exit_code == 0
    doc = as_json(result)
    copy = articles_of(doc)["story/b copy.txt"]
    assert (copy["duplicate_of"], copy["errors"]) == ("story/a.txt", [])
    assert copy["warnings"] == ["story/b copy.txt: same bytes as story/a.txt; counted once"]
    assert claims_of(doc, "story/b copy.txt") == []
    arrests = [f for f in doc["findings"] if f["what"] == "arrest"]
    assert [(f["verdict"], f["articles"]) for f in arrests] == [("agree", ["story/a.txt", "story/c.txt"])]
    cocaine = [f for f in doc["findings"] if f["what"] == "cocaine"]
    assert [(f["verdict"], f["articles"]) for f in cocaine] == [("single_source", ["story/a.txt"])]
    assert stderr_lines(result) == ["warning: story/b copy.txt: same bytes as story/a.txt; counted once"]


# --------------------------------------------------------------------------- file names


NAMES = ["my article.txt", "café – ünïcode 東京.txt", "story one/Ärger über 5 €.txt"]


def test_file_names_with_spaces_and_non_ascii_characters(tmp_path, claims):
    for i, name in enumerate(NAMES):
        write(tmp_path / name, GOOD.replace("850", str(850 + i)))

    result = claims("extract", tmp_path, "--format", "json")
    assert result.exit_code == 0
    doc = as_json(result)
    assert [a["path"] for a in doc["articles"]] == sorted(NAMES)
    assert [a["story"] for a in doc["articles"]] == ["", "", "story one"]
    for i, name in enumerate(NAMES):
        assert claims_of(doc, name)[0] == (f"{850 + i} kilograms", 850.0 + i, "kilogram")

    table = claims("extract", tmp_path)
    assert table.exit_code == 0
    for name in NAMES:
        assert name in table.stdout

    write(tmp_path / "story one" / "wire report.txt", "The operation led to 500 arrests.\n")
    check = claims("check", tmp_path, "--baseline", tmp_path.parent / f"{tmp_path.name}.baseline.json")
    assert check.exit_code == 1
    assert any(line.startswith(f"{tmp_path / 'story one' / 'wire report.txt'}:1: disagreement on arrest")
               for line in check.stdout.splitlines())


# --------------------------------------------------------------------------- a mixed folder


def test_a_folder_mixing_good_and_broken_files(tmp_path, claims):
    """Every good article's claims, and one line on stderr per broken one."""
    write(tmp_path / "good.txt")
    write(tmp_path / "story/utf16.txt", "\ufeff".encode("utf-16-le") + ACCENTED.encode("utf-16-le"))
    write(tmp_path / "story/page.txt", HTML)
    write(tmp_path / "story/copy.txt")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "image.txt", PNG)
    write(tmp_path / "mangled.txt", BROKEN_UTF8)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")

    result = claims("extract", tmp_path, "--format", "json")

    assert result.exit_code == 1
    doc = as_json(result)
    assert claims_of(doc, "good.txt") == GOOD_CLAIMS
    assert claims_of(doc, "story/utf16.txt") == [("850 kilograms", 850.0, "kilogram"), ("288 arrests", 288.0, None)]
    assert claims_of(doc, "story/page.txt") == [("850 kilograms", 850.0, "kilogram"), ("288&#160;arrests", 288.0, None)]
    failed = {a["path"] for a in doc["articles"] if a["errors"]}
    assert failed == {"image.txt", "mangled.txt", "gone.txt", "pipe.txt"}
    assert stderr_lines(result) == [
        "warning: empty.txt: empty file",
        f"error: gone.txt: broken symlink (target {tmp_path / 'missing.txt'} does not exist)",
        "error: image.txt: binary file",
        "error: mangled.txt: broken UTF-8: 1 invalid byte sequence(s) in otherwise UTF-8 text "
        f"(first bad byte 0xE9 at offset {len(BROKEN_UTF8) - 6})",
        "error: pipe.txt: not a regular file",
        "warning: story/copy.txt: same bytes as good.txt; counted once",
        "4 of 9 articles failed",
    ]


# --------------------------------------------------------------------------- a bug on one article


def _failing_on(nlp, monkeypatch, marker: str) -> None:
    component = nlp.get_pipe("claims_units")
    reader = component.reader

    def read(doc, *args, **kwargs):
        if marker in doc.text:
            raise ValueError("boom")
        return reader(doc, *args, **kwargs)

    monkeypatch.setattr(component, "reader", read)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_component_failing_on_one_article_fails_that_article_only(tmp_path, nlp, monkeypatch, workers):
    for i in range(5):
        write(tmp_path / f"good{i}.txt", f"Police made {280 + i} arrests.\n")
    write(tmp_path / "crash.txt", "BOOM: agents seized 12 kilograms.\n")
    _failing_on(nlp, monkeypatch, "BOOM")

    result = extract_corpus([tmp_path], nlp, n_process=workers)

    errors = {a.path: a.errors for a in result.articles if a.errors}
    assert errors == {"crash.txt": [
        "crash.txt: could not be processed (claims_units failed with ValueError: boom); "
        "please report this as a bug"]}
    assert sorted({c.article for c in result.claims}) == [f"good{i}.txt" for i in range(5)]


def test_a_component_failing_on_one_piece_fails_the_whole_article(tmp_path, nlp, monkeypatch):
    write(tmp_path / "good.txt")
    write(tmp_path / "long.txt", GOOD * 40 + "BOOM: agents seized 12 kilograms.\n" + GOOD * 40)
    _failing_on(nlp, monkeypatch, "BOOM")
    monkeypatch.setattr(nlp, "max_length", 1000)

    result = extract_corpus([tmp_path], nlp)

    failed = {a.path: a for a in result.articles if a.errors}
    assert list(failed) == ["long.txt"]
    assert failed["long.txt"].errors == [
        "long.txt: could not be processed (claims_units failed with ValueError: boom); "
        "please report this as a bug"]
    assert {c.article for c in result.claims} == {"good.txt"}


def test_a_failing_article_through_the_cli(tmp_path, claims, nlp, monkeypatch):
    write(tmp_path / "good.txt")
    write(tmp_path / "crash.txt", "BOOM\n")
    _failing_on(nlp, monkeypatch, "BOOM")
    result = claims("extract", tmp_path, "--no-cache")
    assert result.exit_code == 1
    assert "850 kilograms" in result.stdout
    assert stderr_lines(result) == [
        "error: crash.txt: could not be processed (claims_units failed with ValueError: "
        "boom); please report this as a bug",
        "1 of 2 articles failed",
    ]


def test_a_pipeline_error_outside_an_article_still_raises(nlp, monkeypatch):
    """The error handler only catches failures on articles; nlp(text) raises as before."""
    _failing_on(nlp, monkeypatch, "BOOM")
    list(extract_articles([Article(path="a.txt", sha256="x", text=GOOD)], nlp))
    with pytest.raises(ValueError, match="boom"):
        nlp("BOOM")


# --------------------------------------------------------------------------- exit codes, -o


def test_check_exit_codes(tmp_path, claims):
    corpus = tmp_path / "corpus"
    baseline = tmp_path / "baseline.json"
    write(corpus / "story" / "a.txt", "Police made 288 arrests.\n")
    assert claims("check", corpus, "--baseline", baseline).exit_code == 0
    write(corpus / "story" / "b.txt", "Police made 500 arrests.\n")
    assert claims("check", corpus, "--baseline", baseline).exit_code == 1
    assert claims("check", corpus, "--baseline", baseline, "--update-baseline").exit_code == 0
    assert claims("check", corpus, "--baseline", baseline).exit_code == 0
    write(corpus / "story" / "c.txt", PNG)
    unreadable = claims("check", corpus, "--baseline", baseline)
    assert unreadable.exit_code == 1
    assert f"{corpus / 'story' / 'c.txt'}: article could not be read: story/c.txt: binary file" in unreadable.stdout
    write(baseline, "{not json")
    assert claims("check", corpus, "--baseline", baseline).exit_code == 2
    nowhere = tmp_path / "no-such-folder" / "baseline.json"
    unwritable = claims("check", corpus, "--baseline", nowhere, "--update-baseline")
    assert unwritable.exit_code == 2
    assert f"error: cannot write {nowhere}: No such file or directory" in stderr_lines(unwritable)


def test_output_file_is_replaced_atomically_and_an_interrupted_write_keeps_the_old_one(
    tmp_path, claims, monkeypatch
):
    write(tmp_path / "corpus" / "good.txt")
    out = tmp_path / "out" / "report.json"
    write(out, "previous report\n")

    def interrupted(result, fmt):
        yield '{"schema": "claims/1",\n'
        raise KeyboardInterrupt  # Ctrl-C half-way through the write

    monkeypatch.setattr("claims.cli.render", interrupted)
    result = claims("extract", tmp_path / "corpus", "--format", "json", "-o", out)
    assert result.exit_code != 0
    assert out.read_text() == "previous report\n"
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]


def test_output_that_cannot_be_written_is_a_usage_error(tmp_path, claims, monkeypatch):
    write(tmp_path / "corpus" / "good.txt")
    nowhere = tmp_path / "no-such-folder" / "out.json"
    result = claims("extract", tmp_path / "corpus", "-f", "json", "-o", nowhere)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"error: cannot write {nowhere}: folder {nowhere.parent} does not exist"]

    out = write(tmp_path / "out.json", "previous report\n")

    def replace(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", replace)
    result = claims("extract", tmp_path / "corpus", "-f", "json", "-o", out)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"error: cannot write {out}: Permission denied"]
    assert out.read_text() == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.json"]
