"""Tests for finding, decoding and marking articles (claims.reading)."""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

import pytest

from claims.reading import (
    BoilerplateRules,
    DecodeError,
    Source,
    UsageError,
    decode,
    discover,
    masked_text,
    read_article,
    story_of,
)
from claims.resources import load_json
from claims.types import Article

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "operation-spector"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# Long enough that the detector has real English to go on, not just one accented word.
LATIN1_TEXT = (
    "The new café on Main Street opened on Tuesday, the owner said. It serves coffee, tea and "
    "crème brûlée to people who work in the offices nearby, and it stays open late on Fridays."
)
CP1252_TEXT = "He said “the market is closed” and walked out."


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    return BoilerplateRules.load()


def write(path: Path, data: bytes | str = "Text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def read(tmp_path: Path, data: bytes, rules: BoilerplateRules, name: str = "a.txt") -> Article:
    file = write(tmp_path / name, data)
    return read_article(Source(file=file, root=tmp_path, rel=name), rules)


def marked(article: Article) -> list[str]:
    return [article.text[s:e] for s, e in article.boilerplate]


# --------------------------------------------------------------------------- discovery


def test_discover_walks_folders_recursively_in_rel_order(tmp_path: Path) -> None:
    for rel in ["story2/a.txt", "a.txt", "story1/sub/c.txt", "story1/b.txt", "story1/B2.TXT"]:
        write(tmp_path / rel)
    write(tmp_path / "notes.md")
    write(tmp_path / ".hidden" / "x.txt")
    write(tmp_path / "story1" / ".draft.txt")

    sources, broken = discover([tmp_path])

    assert [s.rel for s in sources] == [
        "a.txt",
        "story1/B2.TXT",
        "story1/b.txt",
        "story1/sub/c.txt",
        "story2/a.txt",
    ]
    assert {s.root for s in sources} == {tmp_path}
    assert [s.file for s in sources] == [tmp_path / s.rel for s in sources]
    assert broken == []


def test_file_argument_is_relative_to_its_parent(tmp_path: Path) -> None:
    file = write(tmp_path / "story" / "one.txt")
    sources, broken = discover([file])
    assert sources == [Source(file=file, root=tmp_path / "story", rel="one.txt")]
    assert broken == []


def test_file_named_twice_or_reached_twice_is_found_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "story" / "b.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "story-link").symlink_to(tmp_path / "story")

    sources, broken = discover([tmp_path / "story" / "b.txt", tmp_path, tmp_path])

    assert [s.rel for s in sources] == ["a.txt", "b.txt"]
    assert broken == []


def test_several_roots_each_keep_their_own_rel_paths(tmp_path: Path) -> None:
    write(tmp_path / "one" / "x" / "a.txt")
    write(tmp_path / "two" / "b.txt")
    sources, _ = discover([tmp_path / "two", tmp_path / "one"])
    assert [(s.root.name, s.rel) for s in sources] == [("two", "b.txt"), ("one", "x/a.txt")]


@pytest.mark.parametrize(
    "rel,story",
    [
        ("a.txt", ""),
        ("operation-spector/the-stream.txt", "operation-spector"),
        ("2024/june/x.txt", "2024/june"),
    ],
)
def test_story_is_the_folder_relative_to_the_root(rel: str, story: str) -> None:
    assert story_of(rel) == story


def test_nonexistent_path_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(UsageError, match=re.escape(f"{missing}: no such file or folder")):
        discover([missing])


def test_folder_without_articles_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path / "notes.md")
    with pytest.raises(UsageError) as caught:
        discover([tmp_path])
    assert str(caught.value) == f"{tmp_path}: no .txt articles found"


def test_broken_symlink_is_reported_not_raised(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "gone.png").symlink_to(tmp_path / "missing.png")

    sources, broken = discover([tmp_path])

    assert [s.rel for s in sources] == ["a.txt"]
    assert [(a.path, a.errors) for a in broken] == [
        (
            "gone.txt",
            [f"gone.txt: broken symlink (target {tmp_path / 'missing.txt'} does not exist)"],
        )
    ]


def test_broken_symlink_given_as_argument_is_reported(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    sources, broken = discover([link])
    assert sources == []
    assert [a.errors for a in broken] == [
        [f"gone.txt: broken symlink (target {tmp_path / 'missing.txt'} does not exist)"]
    ]


def test_symlink_loops_are_reported_and_do_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "story" / "a.txt")
    (tmp_path / "story" / "up").symlink_to(tmp_path)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")

    sources, broken = discover([tmp_path])

    assert [s.rel for s in sources] == ["story/a.txt"]
    assert [(a.path, a.story, a.errors) for a in broken] == [
        ("self.txt", "", ["self.txt: symlink loop"]),
        ("story/up", "story", ["story/up: symlink loop (leads back to the corpus root)"]),
    ]


def test_fifo_named_like_an_article_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    sources, broken = discover([tmp_path])
    assert [s.rel for s in sources] == ["a.txt"]
    assert [a.errors for a in broken] == [["pipe.txt: not a regular file"]]


@pytest.mark.skipif(IS_ROOT, reason="root reads folders whatever their mode")
def test_unreadable_folder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    locked = tmp_path / "locked"
    write(locked / "b.txt")
    locked.chmod(0)
    try:
        sources, broken = discover([tmp_path])
    finally:
        locked.chmod(0o755)
    assert [s.rel for s in sources] == ["a.txt"]
    assert [a.errors for a in broken] == [["locked: cannot list folder: permission denied"]]


def test_unreadable_folder_is_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "locked" / "b.txt")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    sources, broken = discover([tmp_path])
    assert [s.rel for s in sources] == ["a.txt"]
    assert [(a.path, a.errors) for a in broken] == [
        ("locked", ["locked: cannot list folder: permission denied"])
    ]


def test_discovers_the_sample_corpus() -> None:
    sources, broken = discover([CORPUS.parent])
    assert [s.rel for s in sources] == [
        "operation-spector/doj-release-reworded.txt",
        "operation-spector/texas-border-business.txt",
        "operation-spector/the-stream.txt",
    ]
    assert broken == []


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    "data,text,encoding",
    [
        (b"plain ASCII\n", "plain ASCII\n", "utf-8"),
        ("café “quoted” — ok\n".encode(), "café “quoted” — ok\n", "utf-8"),
        (b"\xef\xbb\xbfwith BOM", "with BOM", "utf-8-sig"),
        ("\ufeffUTF-16 “LE”".encode("utf-16-le"), "UTF-16 “LE”", "utf-16-le"),
        ("\ufeffUTF-16 BE".encode("utf-16-be"), "UTF-16 BE", "utf-16-be"),
        ("\ufeffUTF-32 LE".encode("utf-32-le"), "UTF-32 LE", "utf-32-le"),
        ("\ufeffUTF-32 BE".encode("utf-32-be"), "UTF-32 BE", "utf-32-be"),
        (CP1252_TEXT.encode("cp1252"), CP1252_TEXT, "cp1252"),
        (b"\x93quoted\x94", "“quoted”", "cp1252"),
        (LATIN1_TEXT.encode("latin-1"), LATIN1_TEXT, "cp1252"),
        (b"line one\r\nline two\rline three\n", "line one\r\nline two\rline three\n", "utf-8"),
        (b"", "", "utf-8"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


def test_latin1_bytes_really_are_latin1() -> None:
    # Guard the fixture: the bytes must not be valid UTF-8, or the test proves nothing.
    data = LATIN1_TEXT.encode("latin-1")
    assert b"caf\xe9 " in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


BROKEN_UTF8 = ("A “quoted” line — fine. " * 10).encode() + b"bad \xe9 byte"


@pytest.mark.parametrize(
    "data,message",
    [
        (
            BROKEN_UTF8,
            "broken UTF-8: 1 invalid byte sequence(s) in otherwise UTF-8 text "
            f"(first bad byte 0xE9 at offset {len(BROKEN_UTF8) - 6})",
        ),
        (
            "café “cut”".encode()[:-2],
            "broken UTF-8: 1 invalid byte sequence(s) in otherwise UTF-8 text "
            "(first bad byte 0xE2 at offset 12)",
        ),
        (b"abc\x00def", "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file"),
        ("\ufeffnul\x00inside".encode("utf-16-le"), "binary file"),
        (
            bytes(range(0x80, 0x100)) * 3,
            "not UTF-8 and no encoding explains it (first bad byte at offset 0)",
        ),
        (
            b"\xff\xfe\x00\xd8",
            "starts with a utf-16-le byte-order mark but is not valid utf-16-le "
            "(first bad byte at offset 2)",
        ),
    ],
)
def test_decode_refuses(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


# --------------------------------------------------------------------------- read_article


def test_read_article_fills_every_field(tmp_path: Path, rules: BoilerplateRules) -> None:
    data = b"\xef\xbb\xbfFBI Image\nAgents made 288 arrests.\n"
    file = write(tmp_path / "story" / "a.txt", data)

    article = read_article(Source(file=file, root=tmp_path, rel="story/a.txt"), rules)

    assert article.path == "story/a.txt"
    assert article.story == "story"
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    assert article.text == "FBI Image\nAgents made 288 arrests.\n"
    assert article.encoding == "utf-8-sig"
    assert article.boilerplate == [(0, 9)]
    assert (article.errors, article.warnings) == ([], [])


@pytest.mark.parametrize(
    "data,errors,warnings",
    [
        (b"", [], ["a.txt: empty file"]),
        (b" \n\t\r\n", [], ["a.txt: empty file"]),
        (b"\xef\xbb\xbf", [], ["a.txt: empty file"]),
        (b"abc\x00def", ["a.txt: binary file"], []),
        (b"\x89PNG\r\n\x1a\n", ["a.txt: binary file"], []),
        (CP1252_TEXT.encode("cp1252"), [], ["a.txt: not UTF-8, read as cp1252"]),
        (
            BROKEN_UTF8,
            [
                "a.txt: broken UTF-8: 1 invalid byte sequence(s) in otherwise UTF-8 text "
                f"(first bad byte 0xE9 at offset {len(BROKEN_UTF8) - 6})"
            ],
            [],
        ),
    ],
)
def test_read_article_reports_problems(
    tmp_path: Path,
    rules: BoilerplateRules,
    data: bytes,
    errors: list[str],
    warnings: list[str],
) -> None:
    article = read(tmp_path, data, rules)
    assert (article.errors, article.warnings) == (errors, warnings)
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    if errors:
        assert (article.text, article.encoding, article.boilerplate) == ("", None, [])


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_unreadable_file_is_permission_denied(tmp_path: Path, rules: BoilerplateRules) -> None:
    file = write(tmp_path / "a.txt")
    file.chmod(0)
    article = read_article(Source(file=file, root=tmp_path, rel="a.txt"), rules)
    assert article.errors == ["a.txt: permission denied"]


def test_unreadable_file_is_permission_denied_even_as_root(
    tmp_path: Path, rules: BoilerplateRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = write(tmp_path / "a.txt")

    def read_bytes(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    article = read_article(Source(file=file, root=tmp_path, rel="a.txt"), rules)
    assert (article.errors, article.sha256) == (["a.txt: permission denied"], "")


def test_vanished_file_and_broken_link_are_errors(tmp_path: Path, rules: BoilerplateRules) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "missing.txt")
    vanished = read_article(Source(tmp_path / "gone.txt", tmp_path, "gone.txt"), rules)
    dangling = read_article(Source(link, tmp_path, "link.txt"), rules)
    assert vanished.errors == ["gone.txt: file not found"]
    assert dangling.errors == [
        f"link.txt: broken symlink (target {tmp_path / 'missing.txt'} does not exist)"
    ]


# --------------------------------------------------------------------------- boilerplate

PAGE_FURNITURE = [
    "- Advertisement -",
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored",
    "Sponsored content",
    "Story continues below advertisement",
    "Translate text to Spanish or other 102 languages!",
    "Tuesday, June 18, 2024",
    "Updated: June 18, 2024 3:45 PM EDT",
    "90 F",
    "72°F",
    "21 °C",
    "loader image",
    "FBI Image",
    "Photo: Reuters",
    "Image Source FBI",
    "Getty Images",
    "AP Photo/Evan Vucci",
    "(Photo by Jane Doe/Getty Images)",
    "Jane Doe via Getty Images",
    "Photo courtesy of the FBI",
    "Previous Article",
    "Next Article",
    "Previous ArticleNext Article",
    "Latest News",
    "More Articles Like This",
    "Related Stories",
    "News",
    "React to This Article",
    "What do you think of our coverage in this article? We value your feedback as we continue"
    " to grow.",
    "Share",
    "Share this article",
    "Facebook Twitter Email",
    "Share on Facebook",
    "Click to share on X (Opens in new window)",
    "Copyright 2023 The Daily Caller News Foundation",
    "© 2024 Texas Border Business. All rights reserved.",
    "Content created by The Daily Caller News Foundation is available without charge to any"
    " eligible news publisher that can provide a large audience. For licensing opportunities of"
    " our original content, please contact [email protected]",
    "Sign up for our daily newsletter",
    "Skip to content",
]
BEFORE = "Agents seized 117 firearms in the raid."
AFTER = "The operation led to 288 arrests."


@pytest.mark.parametrize("line", PAGE_FURNITURE)
def test_furniture_line_is_marked_and_its_neighbours_are_not(
    rules: BoilerplateRules, line: str
) -> None:
    text = f"{BEFORE}\n\n  {line}\u00a0\n{AFTER}\n"
    start = text.index(line)
    assert rules.find(text) == [(start, start + len(line))]


@pytest.mark.parametrize(
    "sentence,credit",
    [
        ("Drugs were found in a California basement.", "FBI Image"),
        ("It ended with 288 arrests. ", "Image Source FBI"),
        ("Agents seized 117 firearms.", "Photo: Reuters"),
        ("Agents seized 117 firearms. ", "Getty Images"),
        ("“We will find you,” he said.", "AP Photo"),
        ("Agents seized 117 firearms.", "- Advertisement -"),
    ],
)
def test_credit_glued_to_a_sentence_marks_only_the_credit(
    rules: BoilerplateRules, sentence: str, credit: str
) -> None:
    text = f"{BEFORE}\n{sentence}{credit}\n{AFTER}"
    start = text.index(credit, len(BEFORE) + 1 + len(sentence))
    assert rules.find(text) == [(start, start + len(credit))]


@pytest.mark.parametrize(
    "line",
    [
        "Photos by the hundreds were shared online after the raid.",
        "Copyright law protects the work of 12 authors.",
        "Sponsored by the senator, the bill passed 52 to 48.",
        "Share prices fell 3 percent on Tuesday.",
        "News of the 288 arrests spread quickly.",
        "Next, agents seized 117 firearms.",
        "Tuesday, June 18, 2024 was the hottest day of the year at 90 F.",
        "The FBI released 90 images from the raid.",
        "Home prices rose 5 percent.",
        "Search warrants were served in 12 states.",
        "The team found 850 kilograms of drugs in the U.S. FBI agents made the arrests.",
        "What do you think happens next, he asked.",
        "Operation SpecTor spanned three continents and 288 arrests",
    ],
)
def test_prose_that_looks_like_furniture_is_not_marked(rules: BoilerplateRules, line: str) -> None:
    assert rules.find(f"{line}\n") == []


def test_offsets_are_honest_with_crlf_and_tabs(rules: BoilerplateRules) -> None:
    text = "First 12 arrests.\r\n\tAdvertisement\t\r\nMore text.\rFBI Image\r"
    ranges = rules.find(text)
    assert [text[s:e] for s, e in ranges] == ["Advertisement", "FBI Image"]


def test_long_lines_are_prose(rules: BoilerplateRules) -> None:
    line = "Copyright 2024 " + "x" * 600
    assert rules.find(line) == []


def test_rule_file_is_documented_data(rules: BoilerplateRules) -> None:
    raw = load_json("boilerplate.json")
    names = [r["name"] for r in raw["rules"]]
    assert len(names) == len(set(names))
    assert all(r["comment"].strip() for r in raw["rules"])
    assert [r.name for r in rules.rules] == names
    assert BoilerplateRules.load() is rules


@pytest.mark.parametrize(
    "rule,message",
    [
        ({"name": "x", "kind": "line", "comment": "c", "pattern": "("}, "bad regular expression"),
        ({"name": "x", "kind": "line", "comment": "c", "pattern": "(?P<a>x)"}, "named groups"),
        ({"name": "x", "kind": "word", "comment": "c", "pattern": "x"}, "kind must be one of"),
        ({"name": "x", "kind": "line", "comment": "", "pattern": "x"}, "needs a comment"),
    ],
)
def test_bad_rules_are_refused_by_name(rule: dict[str, object], message: str) -> None:
    data = {"max_line_chars": 500, "line_end_window_chars": 200, "rules": [rule]}
    with pytest.raises(ValueError, match=f"rule 'x': .*{message}"):
        BoilerplateRules.from_dict(data)


@pytest.mark.parametrize(
    "unit",
    [" ", "-", "a ", "A ", ". ", ".A ", "Image ", "FBI ", "Photo by ", "© ", "share ", "?"],
)
@pytest.mark.parametrize("line_chars", [1_000_000, 500])
def test_rules_do_not_backtrack_catastrophically(
    rules: BoilerplateRules, unit: str, line_chars: int
) -> None:
    line = (unit * (line_chars // len(unit) + 1))[:line_chars]
    text = "\n".join([line] * max(1, 1_000_000 // (line_chars + 1)))
    started = time.perf_counter()
    rules.find(text)
    # Linear work takes ~0.1 s here; anything catastrophic takes minutes.
    assert time.perf_counter() - started < 3.0


# --------------------------------------------------------------------------- sample corpus


@pytest.fixture(scope="module")
def texas(rules: BoilerplateRules) -> Article:
    file = CORPUS / "texas-border-business.txt"
    return read_article(Source(file, CORPUS.parent, f"{CORPUS.name}/{file.name}"), rules)


@pytest.mark.parametrize(
    "furniture",
    [
        "90 F",
        "Tuesday, June 18, 2024",
        "Translate text to Spanish or other 102 languages!",
        "FBI Image",
        "Image Source FBI",
        "- Advertisement -",
        "loader image",
        "Latest News",
        "More Articles Like This",
    ],
)
def test_texas_furniture_is_marked(texas: Article, furniture: str) -> None:
    hits = [m.span() for m in re.finditer(re.escape(furniture), texas.text)]
    assert hits
    for start, end in hits:
        assert any(s <= start and end <= e for s, e in texas.boilerplate), (furniture, start)


@pytest.mark.parametrize(
    "fact,count",
    [
        ("1,875 pounds", 2),
        ("288 arrests", 2),
        ("about 152 pounds of fentanyl", 1),
        ("more than $50 million", 3),
        ("in a California basement.", 1),
        ("Lou Milione.", 1),
    ],
)
def test_texas_facts_are_not_marked(texas: Article, fact: str, count: int) -> None:
    hits = [m.span() for m in re.finditer(re.escape(fact), texas.text)]
    assert len(hits) == count
    assert not any(texas.is_boilerplate(start, end) for start, end in hits)


def test_the_stream_footer_is_marked(rules: BoilerplateRules) -> None:
    file = CORPUS / "the-stream.txt"
    article = read_article(Source(file, CORPUS, file.name), rules)
    assert marked(article) == [
        "News",
        "Copyright 2023 The Daily Caller News Foundation",
        "Content created by The Daily Caller News Foundation is available without charge to any"
        " eligible news publisher that can provide a large audience. For licensing opportunities"
        " of our original content, please contact [email\u00a0protected]",
        "React to This Article",
        "What do you think of our coverage in this article? We value your feedback as we"
        " continue to grow.",
        "Previous ArticleNext Article",
    ]


def test_clean_article_has_no_furniture(rules: BoilerplateRules) -> None:
    file = CORPUS / "doj-release-reworded.txt"
    article = read_article(Source(file, CORPUS, file.name), rules)
    assert (article.boilerplate, article.errors, article.warnings) == ([], [], [])


# --------------------------------------------------------------------------- masked_text


def test_masked_text_keeps_length_offsets_and_newlines(texas: Article) -> None:
    masked = masked_text(texas)
    assert len(masked) == len(texas.text)
    for position, (original, shown) in enumerate(zip(texas.text, masked, strict=True)):
        if original == "\n" or not texas.is_boilerplate(position, position + 1):
            assert shown == original
        else:
            assert shown == " "
    start = texas.text.index("about 152 pounds of fentanyl")
    assert masked[start : start + 28] == "about 152 pounds of fentanyl"
    assert "FBI Image" not in masked
    assert "90 F" not in masked


@pytest.mark.parametrize(
    "text,ranges,expected",
    [
        ("ab\ncd", [], "ab\ncd"),
        ("ab\ncd ef", [(0, 5)], "  \n   ef"),
        ("abcdef", [(4, 6), (0, 2), (1, 3)], "   d  "),
        ("abc", [(1, 10)], "a  "),
    ],
)
def test_masked_text_table(text: str, ranges: list[tuple[int, int]], expected: str) -> None:
    article = Article(path="a.txt", sha256="", text=text, boilerplate=ranges)
    assert masked_text(article) == expected
