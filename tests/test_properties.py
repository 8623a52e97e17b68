"""Properties that hold for any input (hypothesis). The pipeline is slow, so the tests that run it
keep to a few dozen examples; tests/fuzz/ runs the same properties over thousands. Examples here
are derandomized: the default run tries the same ones every time (never flaky), and the fuzz run
is where new inputs are explored."""

from __future__ import annotations

import itertools
import math
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import claim_id, extract_articles, split_points
from claims.reading import BoilerplateRules, Source, masked_text, read_article
from claims.reconcile import COMPARED_KINDS, ConceptRules, Rates, Reconciler
from claims.types import Article, ArticleResult, Claim, Holder, Normalized, What
from claims.units import Units

PIPELINE = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHEAP = settings(max_examples=300, deadline=None, derandomize=True)

# --------------------------------------------------------------------------- generated articles

NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.integers(min_value=1000, max_value=10**9).map("{:,}".format),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["1e308", "10^1000", "9" * 60, "9,99,999", "1.2.3.4", "½", "3/4", "0.5",
                     "one", "two", "a dozen", "dozens of", "tens of thousands of", "hundreds"]),
)
WORDS = st.sampled_from([
    "kilograms", "kg", "pounds", "lb", "tons", "tonnes", "grams", "ounces", "miles", "km",
    "meters", "feet", "acres", "hectares", "liters", "gallons", "barrels", "°F", "degrees",
    "percent", "%", "per cent", "million", "billion", "thousand", "dollars", "euros", "$", "€",
    "£", "USD", "arrests", "people", "firearms", "years", "months", "hours", "minutes", "days",
    "of cocaine", "of fentanyl", "in cash", "in the U.S.", "overseas", "about", "nearly",
    "more than", "at least", "up to", "less than", "between", "and", "or", "to", "from", "rose",
    "fell", "by", "the police said", "Agents seized", "The FBI", "Merrick Garland", "said",
    "“", "”", "\"", "'", "(", ")", "-", "–", "—", ",", ".", ";", ":", "?", "!", "&nbsp;", "<td>",
    "</p>", "<img height=200>", "Advertisement", "Photo: Reuters", "Copyright 2024", "\u00a0",
    "29-year-old", "June 18, 2024", "3:45 PM", "1st", "5G", "COVID-19", "x", "e", "k",
])
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "\r\n", "\t", ". ", ", "])


QUALIFIERS = st.sampled_from(["", "about ", "nearly ", "more than ", "at least ", "up to ",
                              "less than ", "between 5 and ", "from 3 to ", "some ", "over "])
SCALES = st.sampled_from(["", "", " million", " billion", " thousand", "m", "bn", "k"])
UNITS_STATED = st.sampled_from(["", " kilograms", " kg", " pounds", " tons", " miles", " km",
                                " acres", " liters", " gallons", " barrels", " degrees", "°F",
                                " percent", "%", " years", " hours", " people", " arrests"])
CURRENCIES = st.sampled_from(["", "", "$", "€", "£", "USD ", "C$"])
NOUNS = st.sampled_from(["", " of cocaine", " of fentanyl", " in cash", " in the U.S.",
                         " overseas", " of drugs", " of land", " a year", " per barrel"])


@st.composite
def figures(draw) -> str:
    """A figure as news states one: qualifier, currency, number, scale, unit, what."""
    return (draw(QUALIFIERS) + draw(CURRENCIES) + draw(NUMBERS) + draw(SCALES)
            + draw(UNITS_STATED) + draw(NOUNS))


@st.composite
def newsy(draw, max_parts: int = 60) -> str:
    """Text made of the pieces news figures are made of, in any order."""
    parts = draw(st.lists(st.one_of(figures(), NUMBERS, WORDS, st.text(max_size=8)),
                          max_size=max_parts))
    return "".join(part + draw(SEPARATORS) for part in parts)


TEXT = st.one_of(newsy(), st.text(max_size=400))


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    return BoilerplateRules.load()


def extract_bytes(nlp, rules: BoilerplateRules, data: bytes) -> ArticleResult:
    """Read `data` as an article file would be (decoding, boilerplate, markup), then extract."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "a.txt"
        file.write_bytes(data)
        article = read_article(Source(file=file, root=Path(folder), rel="a.txt"), rules)
    [result] = extract_articles([article], nlp)
    return result


def check_offsets(result: ArticleResult) -> None:
    text = result.article.text
    for c in result.claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.line == text.count("\n", 0, c.start) + 1
        assert c.sentence_start <= c.start and c.end <= c.sentence_end
        assert not result.article.is_boilerplate(c.start, c.start + 1)
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.line == text.count("\n", 0, q.start) + 1


def check_intervals(claim: Claim) -> None:
    for value, low, high in ((claim.value, claim.low, claim.high),
                             (claim.normalized.value, claim.normalized.low, claim.normalized.high)):
        for x in (value, low, high):
            assert x is None or math.isfinite(x), claim
        if value is None:
            continue
        slack = 1e-9 * max(1.0, abs(value))
        if low is not None:
            assert low <= value + slack, claim
        if high is not None:
            assert value <= high + slack, claim


# --------------------------------------------------------------------------- the pipeline


def check_masking(article) -> str:
    """The masked text keeps every offset; boilerplate ranges are sorted and disjoint."""
    masked = masked_text(article)
    assert len(masked) == len(article.text)
    previous_end = -1
    for start, end in article.boilerplate:
        assert previous_end < start < end <= len(article.text)
        previous_end = end
    return masked


@PIPELINE
@given(text=TEXT)
def test_arbitrary_text_never_fails(nlp, rules, text):
    result = extract_bytes(nlp, rules, text.encode("utf-8", errors="surrogatepass"))
    article = result.article
    if "\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return  # binary, or not encodable: refused by reading, tested elsewhere
    assert article.errors == []
    check_offsets(result)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32", "cp1252"]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return "\ufeff".encode("utf-16-be") + text.encode("utf-16-be")
    return text.encode(encoding)


@PIPELINE
@given(text=newsy().filter(lambda t: "\x00" not in t), encoding=st.sampled_from(ENCODINGS))
def test_every_claim_is_the_decoded_text_at_its_offsets(nlp, rules, text, encoding):
    try:
        data = encode(text.replace("\ufeff", ""), encoding)
    except UnicodeEncodeError:
        data = encode(text.encode("ascii", errors="replace").decode(), encoding)
    result = extract_bytes(nlp, rules, data)
    if encoding != "cp1252":  # a legacy encoding is a detector's guess; Unicode ones are exact
        assert result.article.text == data.decode(encoding.replace("-be-bom", "")).lstrip("\ufeff")
    check_offsets(result)


@PIPELINE
@given(text=newsy())
def test_intervals_contain_their_value(nlp, rules, text):
    result = extract_bytes(nlp, rules, text.encode())
    for claim in result.claims:
        check_intervals(claim)


# --------------------------------------------------------------------------- pieces


@CHEAP
@given(text=st.text(alphabet=" \n.ab", max_size=300), limit=st.integers(min_value=1, max_value=80))
def test_pieces_cover_the_text_and_respect_the_limit(text, limit):
    pieces = split_points(text, limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(0 < end - start <= limit for start, end in pieces) or text == ""


# --------------------------------------------------------------------------- reconciliation

ARTICLES = ["a.txt", "b.txt", "c.txt", "raid/d.txt", "raid/e.txt"]
WHATS = [None, "arrest", "customer", "consumer", "drug", "fentanyl", "pill and drug",
         "fentanyl or drug", "cash and virtual currency", "money", "firearm", "year",
         "number"]  # a noun that names no thing measured
# holders: unnamed, a common noun, another, a name (and an entity for ages)
HOLDERS = [None, Holder("agents", 0, 6), Holder("storm", 0, 5),
           Holder("Jo Smith", 0, 8, ("jo", "smith"), "person-1")]
SCOPES = [None, "overseas", "in the U.S.", "In the U.S.", "last year's operation"]
UNITS = {"count": [None], "percent": ["percent"], "quantity": ["kilogram", "liter"],
         "money": ["USD", "EUR"], "fraction": [None], "age": [None]}
BOUNDS = st.one_of(st.none(), st.integers(min_value=0, max_value=1000).map(float))


@st.composite
def claim_lists(draw) -> list[Claim]:
    claims: list[Claim] = []
    taken: set[tuple[str, int]] = set()
    for _ in range(draw(st.integers(min_value=0, max_value=14))):
        article = draw(st.sampled_from(ARTICLES))
        start = draw(st.integers(min_value=0, max_value=50)) * 10
        if (article, start) in taken:
            continue
        taken.add((article, start))
        kind = draw(st.sampled_from([*COMPARED_KINDS, "age"]))
        unit = draw(st.sampled_from(UNITS[kind]))
        value = float(draw(st.integers(min_value=0, max_value=1000)))
        low, high = draw(BOUNDS), draw(BOUNDS)
        low = None if low is None else min(low, value)
        high = None if high is None else max(high, value)
        same_as = None
        if claims and draw(st.booleans()):
            same_as = draw(st.sampled_from(claims)).id
        dimension = {"count": "count", "age": "count", "fraction": "count", "percent": "percent",
                     "money": f"currency:{unit}"}.get(kind) or ("[mass]" if unit == "kilogram" else "[length] ** 3")
        claims.append(Claim(
            id=claim_id(article, start, start + 5), article=article, start=start, end=start + 5,
            text=f"{value:g} {unit or ''}".strip(), sentence="", value=value, low=low, high=high,
            qualifier="exact", unit=unit, normalized=Normalized(value, low, high, unit),
            what=What.from_record(draw(st.sampled_from(WHATS))),
            scope=tuple(filter(None, [draw(st.sampled_from(SCOPES))])), kind=kind,
            dimension=dimension, line=start // 10 + 1, story="raid" if "/" in article else "",
            sentence_start=start, sentence_end=start + 5, same_as=same_as,
            change=draw(st.sampled_from([None, None, "up", "down"])),
            holder=draw(st.sampled_from(HOLDERS)),
        ))
    return claims


@pytest.fixture(scope="module")
def concepts() -> ConceptRules:
    return ConceptRules.load()


def _count(article: str, what: str, holder: Holder | None) -> Claim:
    return Claim(
        id=claim_id(article, 0, 2), article=article, start=0, end=2, text="10", sentence="10",
        value=10.0, low=9.5, high=10.5, qualifier="exact", unit=None,
        normalized=Normalized(10.0, 9.5, 10.5, None), what=What.from_record(what), scope=(),
        kind="count", dimension="count", story="raid", sentence_start=0, sentence_end=2,
        holder=holder)


def test_a_figure_of_no_named_thing_between_two_holders_is_judged_alone(concepts):
    # the third names nothing ("the number") and states the value both holders' figures state,
    # so it could be either's: it is judged alone (and the same figure in three articles is
    # listed as such), and nothing fails
    claims = [_count("raid/a.txt", "boss", Holder("Acme", 0, 4, ("acme",))),
              _count("raid/b.txt", "boss", Holder("Globex", 0, 6, ("globex",))),
              _count("raid/c.txt", "number", None)]
    found = sorted((f.verdict, f.what, f.articles) for f in Reconciler(concepts)(claims))
    assert found == [("agree", "boss / number", ["raid/a.txt", "raid/b.txt", "raid/c.txt"]),
                     ("single_source", "boss", ["raid/a.txt"]),
                     ("single_source", "boss", ["raid/b.txt"]),
                     ("single_source", "boss", ["raid/c.txt"])]


@CHEAP
@given(claims=claim_lists(), seed=st.integers(), with_rates=st.booleans())
def test_reconciliation_does_not_depend_on_article_order(concepts, claims, seed, with_rates):
    rates = Rates("USD", {"USD": 1.0, "EUR": 1.08}) if with_rates else None
    shuffled = list(claims)
    random.Random(seed).shuffle(shuffled)
    first = [f.to_dict() for f in Reconciler(concepts, rates)(claims)]
    again = [f.to_dict() for f in Reconciler(concepts, rates)(shuffled)]
    assert again == first


# --------------------------------------------------------------------------- units

SAME_DIMENSION = [
    ["kilogram", "gram", "pound", "ounce", "tonne", "short_ton", "long_ton", "troy_ounce", "carat"],
    ["meter", "kilometer", "mile", "foot", "inch", "yard", "nautical_mile"],
    ["liter", "milliliter", "gallon", "oil_barrel", "meter ** 3", "foot ** 3"],
    ["degree_Celsius", "degree_Fahrenheit", "kelvin"],
    ["second", "minute", "hour", "day", "week", "month", "year"],
    ["meter ** 2", "kilometer ** 2", "mile ** 2", "acre", "hectare", "foot ** 2"],
    ["kilometer / hour", "mile / hour", "knot"],
    ["kilowatt_hour", "megawatt_hour", "gigawatt_hour", "terawatt_hour"],
    ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte", "petabyte"],
]
UNIT_PAIRS = st.sampled_from(SAME_DIMENSION).flatmap(
    lambda family: st.tuples(st.sampled_from(family), st.sampled_from(family)))
MAGNITUDES = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@pytest.fixture(scope="module")
def units() -> Units:
    return Units()


@CHEAP
@given(pair=UNIT_PAIRS, x=MAGNITUDES)
def test_unit_conversion_round_trips(units, pair, x):
    a, b = pair
    there = units.convert(x, a, b)
    back = units.convert(there, b, a)
    assert math.isclose(back, x, rel_tol=1e-9, abs_tol=1e-9)


@CHEAP
@given(pair=UNIT_PAIRS, x=st.floats(min_value=0, max_value=1e9, allow_nan=False),
       width=st.floats(min_value=0, max_value=1e3, allow_nan=False))
def test_normalising_keeps_the_value_inside_its_interval(units, pair, x, width):
    unit = pair[0]
    normal = units.normalise(x, x - width, x + width, unit)
    assert normal.unit == units.normal_unit(unit)
    assert normal.value is not None and normal.low is not None and normal.high is not None
    slack = 1e-9 * max(1.0, abs(normal.value))
    assert normal.low - slack <= normal.value <= normal.high + slack
    assert math.isclose(units.convert(normal.value, normal.unit, unit), x, rel_tol=1e-9, abs_tol=1e-9)


# --------------------------------------------------------------------------- reading


@CHEAP
@given(text=TEXT)
def test_boilerplate_and_markup_never_move_offsets(rules, text):
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "a.txt"
        file.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        article = read_article(Source(file=file, root=Path(folder), rel="a.txt"), rules)
    if article.errors:
        return
    masked = check_masking(article)
    for i, (original, shown) in enumerate(zip(article.text, masked, strict=True)):
        assert shown == original or (shown == " " and article.is_boilerplate(i, i + 1))


def test_a_piece_article_is_its_slice(rules):
    """The pieces an article is parsed in are articles of their own: same masking, same text."""
    from claims.extract import _piece

    text = "Agents seized 850 kilograms.\nAdvertisement\n<td>&nbsp;Police made 288 arrests.\n"
    article = Article(path="a.txt", sha256="x", text=text, boilerplate=rules.find(text))
    for start, end in [(0, 10), (5, 45), (29, len(text)), (0, len(text))]:
        piece = _piece(article, start, end)
        assert piece.text == text[start:end]
        assert masked_text(piece) == masked_text(article)[start:end]
