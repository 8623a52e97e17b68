"""Each quantity component alone, on a Doc built by hand with the parse and the spans it reads
already set: no statistical model is loaded, so a test fails for one reason only."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from claims.components.filters import lettered_name, year
from claims.components.number_reading import Candidate
from claims.components.numbers import NumbersComponent
from claims.numbers import Number, NumberPhrase
from claims.types import What
from claims.units import UnitReading

PUNCT = {".", ",", "%", ")", "'s"}


@pytest.fixture(scope="module")
def blank() -> Language:
    """A blank English pipeline with every quantity component, each with its shipped rules."""
    nlp = spacy.blank("en")
    for name in ("claims_numbers", "claims_units", "claims_qualifiers", "claims_measured",
                 "claims_shared", "claims_holders", "claims_scope"):
        nlp.add_pipe(name)
    return nlp


def parsed(nlp: Language, rows: str, ents: dict[int, str] | None = None) -> Doc:
    """A Doc from one line per token: `word head dep pos [lemma] [tag]`, heads as indices."""
    table = [line.split() for line in rows.strip().splitlines()]
    words = [r[0] for r in table]
    spaces = [i + 1 < len(words) and words[i + 1] not in PUNCT for i in range(len(words))]
    labels = ["O"] * len(words)
    for i, label in (ents or {}).items():
        labels[i] = f"B-{label}"
    return Doc(
        nlp.vocab, words=words, spaces=spaces, heads=[int(r[1]) for r in table],
        deps=[r[2] for r in table], pos=[r[3] for r in table],
        lemmas=[r[4] if len(r) > 4 else r[0].lower() for r in table],
        tags=[r[5] if len(r) > 5 else "" for r in table], ents=labels,
    )


def run(nlp: Language, doc: Doc, *names: str) -> Doc:
    for name in names:
        doc = nlp.get_pipe(name)(doc)
    return doc


def figure(doc: Doc, start: int, end: int, *, number: NumberPhrase | None = None,
           unit: UnitReading | None = None, kind: str = "count", **attributes: object) -> Span:
    """A span of doc.spans["quantities"] with the attributes earlier components would set."""
    span = doc[start:end]
    span._.number = number or NumberPhrase(start, start + 1,
                                           Number(float(doc[start].text.replace(",", "")), 1.0))
    span._.unit, span._.kind = unit, kind
    span._.unit_end = attributes.pop("unit_end", end)
    span._.text_end = span.end_char
    for name, value in attributes.items():
        setattr(span._, name, value)
    return span


SEIZED = """
Agents 1 nsubj NOUN agent
seized 1 ROOT VERB seize
1,875 3 nummod NUM
pounds 1 dobj NOUN pound
of 3 prep ADP
pills 4 pobj NOUN pill
in 1 prep ADP
2021 6 pobj NUM
. 1 punct PUNCT
"""


# -- claims_numbers ----------------------------------------------------------------------------

def test_numbers_finds_number_phrases_and_filters_years(blank):
    doc = run(blank, parsed(blank, SEIZED, {7: "DATE"}), "claims_numbers")
    assert [(s.text, s._.number.number.value) for s in doc.spans["numbers"]] == [
        ("1,875", 1875.0)]


def test_numbers_keeps_what_no_configured_filter_removes(blank):
    component = NumbersComponent("numbers", None, filters={})
    doc = component(parsed(blank, SEIZED, {7: "DATE"}))
    assert [s.text for s in doc.spans["numbers"]] == ["1,875", "2021"]


def test_numbers_reads_a_range_as_one_phrase(blank):
    doc = parsed(blank, """
    between 1 quantmod ADP
    5 4 nummod NUM
    and 1 cc CCONJ
    10 1 conj NUM
    kilograms 4 ROOT NOUN kilogram
    """)
    [span] = run(blank, doc, "claims_numbers").spans["numbers"]
    number = span._.number
    assert (span.text, number.number.value, number.high.value) == ("5 and 10", 5.0, 10.0)


def test_the_filters_are_functions_of_the_number_in_its_sentence(blank):
    doc = parsed(blank, SEIZED, {7: "DATE"})
    rules = blank.get_pipe("claims_numbers").rules
    in_2021 = Candidate.of(doc[:], NumberPhrase(7, 8, Number(2021.0, 1.0)))
    assert year(in_2021, rules) is True
    assert lettered_name(in_2021, rules) is False


# -- claims_units ------------------------------------------------------------------------------

def with_numbers(doc: Doc, *phrases: NumberPhrase) -> Doc:
    spans = []
    for num in phrases:
        span = doc[num.start : num.end]
        span._.number = num
        spans.append(span)
    doc.spans["numbers"] = spans
    return doc


def test_units_takes_the_unit_and_the_qualifying_words_into_the_figure(blank):
    doc = with_numbers(parsed(blank, """
    It 1 nsubj PRON it
    included 1 ROOT VERB include
    about 3 advmod ADV
    152 4 nummod NUM
    pounds 1 dobj NOUN pound
    of 4 prep ADP
    fentanyl 5 pobj NOUN
    . 1 punct PUNCT
    """), NumberPhrase(3, 4, Number(152.0, 1.0)))
    [span] = run(blank, doc, "claims_units").spans["quantities"]
    assert (span.text, span._.unit.unit, span._.kind, span._.hedge.text, span._.stated_unit) == (
        "about 152 pounds", "pound", "quantity", "about", "pounds")
    assert span._.normaliser.target == "kilogram"


def test_units_takes_the_counted_noun_into_a_count(blank):
    doc = with_numbers(parsed(blank, """
    It 1 nsubj PRON it
    led 1 ROOT VERB lead
    to 1 prep ADP
    288 4 nummod NUM
    arrests 2 pobj NOUN arrest
    . 1 punct PUNCT
    """), NumberPhrase(3, 4, Number(288.0, 1.0)))
    [span] = run(blank, doc, "claims_units").spans["quantities"]
    assert (span.text, span._.unit, span._.kind, span._.counted.text, span._.dimension) == (
        "288 arrests", None, "count", "arrests", "count")


def test_units_links_a_figure_restated_in_another_unit(blank):
    doc = with_numbers(parsed(blank, """
    500 1 nummod NUM
    kilograms 1 ROOT NOUN kilogram
    ( 3 punct PUNCT
    1,102 4 nummod NUM
    pounds 1 appos NOUN pound
    ) 3 punct PUNCT
    """), NumberPhrase(0, 1, Number(500.0, 1.0)), NumberPhrase(3, 4, Number(1102.0, 1.0)))
    first, second = run(blank, doc, "claims_units").spans["quantities"]
    assert (first._.restates, second._.restates.text) == (None, "500 kilograms")


# -- claims_qualifiers -------------------------------------------------------------------------

ROSE = """
Inflation 1 nsubj NOUN inflation
rose 1 ROOT VERB rise
0.3 3 nummod NUM
% 1 dobj NOUN %
. 1 punct PUNCT
"""


def test_qualifiers_reads_the_interval_a_qualifier_implies(blank):
    doc = parsed(blank, "about 1 advmod ADV\n152 2 nummod NUM\npounds 2 ROOT NOUN pound")
    doc.spans["quantities"] = [figure(doc, 0, 3, number=NumberPhrase(1, 2, Number(152.0, 1.0)),
                                      unit=UnitReading("pound"), kind="quantity",
                                      hedge=doc[0:1])]
    [span] = run(blank, doc, "claims_qualifiers").spans["quantities"]
    value, low, high = span._.interval
    assert (span._.qualifier, value) == ("approximately", 152.0)
    assert (low, high) == (pytest.approx(151.5 * 0.95), pytest.approx(152.5 * 1.05))


def test_qualifiers_reads_a_change(blank):
    doc = parsed(blank, ROSE)
    doc.spans["quantities"] = [figure(doc, 2, 4, number=NumberPhrase(2, 3, Number(0.3, 0.1)),
                                      unit=UnitReading("percent"), kind="percent")]
    [span] = run(blank, doc, "claims_qualifiers").spans["quantities"]
    assert (span._.qualifier, span._.change) == ("exact", "up")


def test_qualifiers_joins_two_figures_written_as_one_range(blank):
    doc = parsed(blank, """
    between 1 quantmod ADP
    5 2 nummod NUM
    % 2 ROOT NOUN %
    and 2 cc CCONJ
    6 5 nummod NUM
    % 2 conj NOUN %
    """)
    percent = UnitReading("percent")
    doc.spans["quantities"] = [
        figure(doc, 1, 3, number=NumberPhrase(1, 2, Number(5.0, 1.0)), unit=percent,
               kind="percent"),
        figure(doc, 4, 6, number=NumberPhrase(4, 5, Number(6.0, 1.0)), unit=percent,
               kind="percent"),
    ]
    first, _ = run(blank, doc, "claims_qualifiers").spans["quantities"]
    assert (first._.qualifier, first._.interval, first._.upper.text, first._.opener.text) == (
        "range", (5.5, 5.0, 6.0), "6%", "between")
    assert [(q.start, q.end, q.qualifier) for q in doc._.quantities] == [(0, 17, "range")]


# -- claims_measured ---------------------------------------------------------------------------

def test_measured_takes_the_subject_of_a_verb_that_states_a_measure(blank):
    doc = parsed(blank, """
    The 1 det DET the
    fine 2 nsubj NOUN fine
    was 2 ROOT AUX be
    € 4 nmod SYM
    26.7 5 compound NUM
    million 2 attr NUM
    . 2 punct PUNCT
    """)
    doc.spans["quantities"] = [figure(doc, 3, 6, unit=UnitReading("EUR", currency=True),
                                      kind="money",
                                      number=NumberPhrase(4, 6, Number(26.7e6, 1e5)),
                                      unit_end=6)]
    [span] = run(blank, doc, "claims_measured").spans["quantities"]
    assert (span._.what, span._.measured.text) == (What.word("fine"), "fine")


def test_measured_counts_what_happened_to_people(blank):
    doc = parsed(blank, """
    288 1 nummod NUM
    people 3 nsubjpass NOUN people
    were 3 auxpass AUX be
    arrested 3 ROOT VERB arrest
    . 3 punct PUNCT
    """)
    doc.spans["quantities"] = [figure(doc, 0, 2, unit_end=1, counted=doc[1],
                                      stated_unit="people")]
    [span] = run(blank, doc, "claims_measured").spans["quantities"]
    assert span._.what == What.word("arrest")


def test_measured_reads_a_measure_from_the_verb_and_holders_the_subject(blank):
    doc = parsed(blank, """
    The 2 det DET the
    new 2 amod ADJ new
    laptop 3 nsubj NOUN laptop
    weighs 3 ROOT VERB weigh
    6.6 5 nummod NUM
    pounds 3 dobj NOUN pound
    . 3 punct PUNCT
    """)
    doc.spans["quantities"] = [figure(doc, 4, 6, unit=UnitReading("pound"), kind="quantity",
                                      unit_end=6)]
    [span] = run(blank, doc, "claims_measured", "claims_holders").spans["quantities"]
    assert (span._.what, span._.measured, span._.holder.text) == (
        What.word("weight"), None, "new laptop")


def test_holders_takes_the_possessor_of_what_is_measured(blank):
    doc = parsed(blank, """
    Acme 2 poss PROPN acme NNP
    's 0 case PART 's POS
    revenue 3 nsubj NOUN revenue
    was 3 ROOT AUX be
    $ 6 nmod SYM
    4 6 compound NUM
    billion 3 attr NUM
    . 3 punct PUNCT
    """, {0: "ORG"})
    doc.spans["quantities"] = [figure(doc, 4, 7, unit=UnitReading("USD", currency=True),
                                      kind="money", number=NumberPhrase(5, 7, Number(4e9, 1e8)),
                                      unit_end=7)]
    [span] = run(blank, doc, "claims_measured", "claims_holders").spans["quantities"]
    assert (span._.what, span._.holder.text) == (What.word("revenue"), "Acme")


# -- claims_shared -----------------------------------------------------------------------------

def test_shared_gives_a_bare_number_the_unit_of_the_figure_it_is_coordinated_with(blank):
    doc = parsed(blank, """
    eight 3 nummod NUM
    or 0 cc CCONJ
    nine 3 nummod NUM
    euros 3 ROOT NOUN euro
    """)
    euros = UnitReading("EUR", currency=True)
    doc.spans["quantities"] = [
        figure(doc, 0, 1, number=NumberPhrase(0, 1, Number(8.0, 1.0)),
               interval=(8.0, 7.5, 8.5)),
        figure(doc, 2, 4, unit=euros, kind="money", stated_unit="euros",
               number=NumberPhrase(2, 3, Number(9.0, 1.0)), interval=(9.0, 8.5, 9.5)),
    ]
    eight, nine = run(blank, doc, "claims_shared").spans["quantities"]
    assert (eight._.unit_from.text, nine._.unit_from) == ("nine euros", None)


# -- claims_scope ------------------------------------------------------------------------------

def test_scope_finds_what_narrows_the_figure(blank):
    doc = parsed(blank, """
    Overseas 3 advmod ADV overseas
    , 3 punct PUNCT
    police 3 nsubj NOUN police
    made 3 ROOT VERB make
    135 5 nummod NUM
    arrests 3 dobj NOUN arrest
    . 3 punct PUNCT
    """)
    doc.spans["quantities"] = [figure(doc, 4, 6, measured=doc[5])]
    [span] = run(blank, doc, "claims_scope").spans["quantities"]
    assert [s.text for s in span._.scope] == ["Overseas"]


# -- all of them, and Doc._.quantities ---------------------------------------------------------

def test_the_stages_together_give_finished_quantities(blank):
    doc = run(blank, parsed(blank, SEIZED, {7: "DATE"}), *blank.pipe_names)
    [q] = doc._.quantities
    assert (doc.text[q.start : q.end], q.value, q.unit, q.qualifier, str(q.what), q.scope) == (
        "1,875 pounds", 1875.0, "pound", "exact", "pill", ("in 2021",))
    assert (q.normalized.unit, q.normalized.value) == ("kilogram", pytest.approx(850.48569))
    assert q.dimension == "[mass]"


def test_a_rule_file_without_a_section_a_component_needs_says_which(tmp_path):
    (tmp_path / "quantities.json").write_text('{"range_links": ["to"]}', encoding="utf-8")
    (tmp_path / "units.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"quantities\.json: missing 'change_verbs', "
                                         r"'motion_verbs', .*; NumbersComponent needs"):
        NumbersComponent("numbers", str(tmp_path), filters={})
