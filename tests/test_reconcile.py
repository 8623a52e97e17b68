"""Reconciliation rules, each pinned on a small corpus written to a temporary folder."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import extract_corpus
from claims.reconcile import Rates, sort_by


def run(nlp, root: Path, articles: dict[str, str], rates: Rates | None = None):
    for name, text in articles.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return extract_corpus([root], nlp, rates=rates)


def quantity_findings(result, what=None):
    return [f for f in result.findings if f.kind == "quantity" and (what is None or f.what == what)]


def verdict_of(result, what):
    multi = [f for f in quantity_findings(result, what) if len(f.articles) > 1]
    assert len(multi) == 1, [(f.what, f.verdict, f.articles) for f in result.findings]
    return multi[0]


def test_agreement_within_rounding(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Agents seized 850 kilograms of cocaine.",
                            "b.txt": "Agents seized 1,875 pounds of cocaine."})
    f = verdict_of(r, "cocaine")
    assert f.verdict == "agree"
    assert f.explanation == (
        "intervals overlap: 850 kilograms (849.5–850.5 kilogram) [a.txt], "
        "1,875 pounds (850.259–850.712 kilogram) [b.txt]")


def test_the_same_negative_figure_agrees(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Temperatures fell to minus-40.5 degrees Celsius overnight.",
                            "b.txt": "Temperatures fell to minus-40.5 degrees Celsius on Monday."})
    assert verdict_of(r, "temperature").verdict == "agree"


def test_a_share_is_never_compared_with_a_count(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Nearly three-quarters of the combined digital and physical "
                                     "sales of the album came from buyers of CDs.",
                            "b.txt": "The album was the best seller of the year, with 1.9m "
                                     "combined digital and physical sales."})
    assert {f.verdict for f in quantity_findings(r)} == {"single_source"}


def test_disagreement_beyond_rounding(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Agents seized 850 kilograms of cocaine.",
                            "b.txt": "Agents seized 1,880 pounds of cocaine."})
    f = verdict_of(r, "cocaine")
    assert f.verdict == "disagree"
    assert f.explanation == (
        "no value fits all: 850 kilograms (849.5–850.5 kilogram) [a.txt] vs "
        "1,880 pounds (852.527–852.98 kilogram) [b.txt]")


@pytest.mark.parametrize(
    "first,second,verdict",
    [
        ("about 152 pounds of heroin", "70 kilograms of heroin", "agree"),  # 65.3–72.6 kg
        ("about 152 pounds of heroin", "64 kilograms of heroin", "disagree"),
        ("approximately 450 pounds of heroin", "210 kilograms of heroin", "agree"),
        ("more than 50 kilograms of heroin", "60 kilograms of heroin", "agree"),
        ("more than 50 kilograms of heroin", "40 kilograms of heroin", "disagree"),
        ("at least 12 kilograms of heroin", "12 kilograms of heroin", "agree"),
        ("at least 12 kilograms of heroin", "10 kilograms of heroin", "disagree"),
        ("up to 20 kilograms of heroin", "18 kilograms of heroin", "agree"),
        ("up to 20 kilograms of heroin", "25 kilograms of heroin", "disagree"),
        ("less than 50 kilograms of heroin", "49 kilograms of heroin", "agree"),
        ("less than 50 kilograms of heroin", "60 kilograms of heroin", "disagree"),
        ("nearly 300 kilograms of heroin", "290 kilograms of heroin", "agree"),
        ("nearly 300 kilograms of heroin", "310 kilograms of heroin", "disagree"),
        ("between 5 and 10 kilograms of heroin", "7 kilograms of heroin", "agree"),
        ("between 5 and 10 kilograms of heroin", "12 kilograms of heroin", "disagree"),
        ("more than 50 kilograms of heroin", "over 40 kilograms of heroin", "agree"),
    ],
)
def test_each_qualifier(nlp, tmp_path, first, second, verdict):
    r = run(nlp, tmp_path, {"a.txt": f"Agents seized {first}.", "b.txt": f"Agents seized {second}."})
    assert verdict_of(r, "heroin").verdict == verdict


def test_different_scopes_are_different_things(nlp, tmp_path):
    r = run(nlp, tmp_path, {
        "a.txt": "The operation led to 288 arrests.",
        "b.txt": "Overseas, the police made 135 arrests. The number of arrests, including 153 in the U.S., is a record.",
    })
    assert [f.verdict for f in quantity_findings(r, "arrest")] == ["single_source"] * 3
    assert sorted(f.scope or "" for f in quantity_findings(r, "arrest")) == ["", "in the U.S.", "overseas"]


def test_parts_that_add_up_to_the_whole_are_reported(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": (
        "The operation led to 288 arrests.\n\nOverseas, the police made 135 arrests.\n\n"
        "The number of arrests, including 153 in the U.S., is a record.")})
    parts = [f for f in r.findings if f.kind == "parts"]
    assert [(f.what, f.verdict, f.explanation) for f in parts] == [
        ("arrest", "agree", "parts add up to the whole: 135 arrests (overseas) + 153 (in the U.S.) = 288 arrests")]
    assert [c.text for c in r.claims if c.id in parts[0].claims] == ["288 arrests", "135 arrests", "153"]


def test_parts_that_do_not_add_up_are_not_reported(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": (
        "The operation led to 300 arrests.\n\nOverseas, the police made 135 arrests.\n\n"
        "The number of arrests, including 153 in the U.S., is a record.")})
    assert [f for f in r.findings if f.kind == "parts"] == []


def test_different_currencies_are_not_compared_without_rates(nlp, tmp_path):
    articles = {"a.txt": "Victims lost €10 million in cash.", "b.txt": "Victims lost $11 million in cash."}
    r = run(nlp, tmp_path, articles)
    money = quantity_findings(r, "money")
    assert [f.verdict for f in money] == ["single_source", "single_source"]
    assert all("not compared across currencies without a rates file" in f.explanation for f in money)


@pytest.mark.parametrize("eur,verdict", [(1.1, "agree"), (1.5, "disagree")])
def test_different_currencies_are_compared_with_rates(nlp, tmp_path, eur, verdict):
    rates_file = tmp_path / "rates.json"
    rates_file.write_text(json.dumps({"base": "USD", "rates": {"EUR": eur}}))
    articles = {"a.txt": "Victims lost €10 million in cash.", "b.txt": "Victims lost $11 million in cash."}
    r = run(nlp, tmp_path / "corpus", articles, rates=Rates.load(rates_file))
    assert verdict_of(r, "money").verdict == verdict


def test_a_conversion_stated_in_the_text_is_one_claim_and_gives_the_rate(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "The fine was €26.7 million (USD 31 million).",
                            "b.txt": "The fine was $31 million."})
    f = verdict_of(r, "fine")
    assert f.verdict == "agree"
    assert [c.text for c in r.claims if c.id in f.claims] == ["USD 31 million", "$31 million"]


def test_a_figure_in_two_units_in_one_phrase_counts_once(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Agents seized 500 kilograms (1,102 pounds) of cocaine.",
                            "b.txt": "Agents seized 500 kilograms of cocaine."})
    f = verdict_of(r, "cocaine")
    assert f.verdict == "agree"
    assert [(c.article, c.text) for c in r.claims if c.id in f.claims] == [
        ("a.txt", "500 kilograms"), ("b.txt", "500 kilograms")]


@pytest.mark.parametrize(
    "first,second,what",
    [
        ("He kept a list of 6,000 customers.", "He kept a list of greater than 6,000 consumers.", "customer"),
        ("Agents seized 850 kilograms of medication.", "Agents seized 1,875 pounds of pills and other drugs.", "drug"),
        ("Agents seized $5 million in cash and virtual currency.", "Agents seized $5 million in money and digital currencies.", "money"),
    ],
)
def test_a_synonym_pair_is_the_same_thing(nlp, tmp_path, first, second, what):
    r = run(nlp, tmp_path, {"a.txt": first, "b.txt": second})
    assert verdict_of(r, what).verdict == "agree"


def test_a_narrower_thing_is_not_grouped_with_the_broader(nlp, tmp_path):
    r = run(nlp, tmp_path, {
        "a.txt": "Agents seized 850 kilograms of drugs with 64 kilograms of fentanyl included.",
        "b.txt": "Agents seized 1,875 pounds of drugs, including about 152 pounds of fentanyl.",
    })
    assert verdict_of(r, "drug").verdict == "agree"
    assert verdict_of(r, "fentanyl").verdict == "disagree"


def test_a_repeated_figure_within_one_article_counts_once(nlp, tmp_path):
    r = run(nlp, tmp_path, {
        "a.txt": "Police made 288 arrests.\n\nA photo caption: police made 288 arrests.",
        "b.txt": "Police made 288 arrests.",
    })
    f = verdict_of(r, "arrest")
    assert f.verdict == "agree"
    assert [(c.article, c.start) for c in r.claims if c.id in f.claims] == [("a.txt", 12), ("b.txt", 12)]


def test_stories_are_compared_only_within_themselves(nlp, tmp_path):
    r = run(nlp, tmp_path, {"raid/a.txt": "Police made 288 arrests.", "raid/b.txt": "Officers made 288 arrests.",
                            "strike/c.txt": "Police made 500 arrests."})
    arrests = quantity_findings(r, "arrest")
    assert sorted((f.story, f.verdict, len(f.articles)) for f in arrests) == [
        ("raid", "agree", 2), ("strike", "single_source", 1)]


def test_parts_and_currencies_are_looked_for_in_every_story(nlp, tmp_path):
    parts = ("The operation led to 288 arrests.\n\nOverseas, the police made 135 arrests.\n\n"
             "The number of arrests, including 153 in the U.S., is a record.")
    r = run(nlp, tmp_path, {"raid/a.txt": parts, "strike/b.txt": parts.replace("The", "This", 1),
                            "raid/c.txt": "Victims lost €10 million in cash.",
                            "raid/d.txt": "Victims lost $11 million in cash.",
                            "strike/e.txt": "Victims lost $12 million in cash."})
    assert sorted((f.story, f.articles) for f in r.findings if f.kind == "parts") == [
        ("raid", ["raid/a.txt"]), ("strike", ["strike/b.txt"])]
    # the euros are in the raid's story only: the strike's dollars have no other currency
    assert sorted((f.articles, f.explanation) for f in quantity_findings(r, "money")) == [
        (["raid/c.txt"], "stated by raid/c.txt only (also stated in USD: not compared across "
                         "currencies without a rates file, --rates)"),
        (["raid/d.txt"], "stated by raid/d.txt only (also stated in EUR: not compared across "
                         "currencies without a rates file, --rates)"),
        (["strike/e.txt"], "stated by strike/e.txt only")]


def test_a_change_in_one_currency_is_not_noted_beside_a_level_in_another(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Victims had €10 million in cash.",
                            "b.txt": "Victims lost $11 million in cash."})
    assert sorted(f.explanation for f in quantity_findings(r, "money")) == [
        "stated by a.txt only", "stated by b.txt only"]


@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from("ab"), st.integers(0, 3))))
def test_sort_by_orders_as_one_tuple_key_would(rows):
    items = list(enumerate(rows))  # the index tells apart equal rows: the sort must be stable
    sort_by(items, lambda i: i[1][0], lambda i: i[1][1], lambda i: i[1][2])
    assert items == sorted(enumerate(rows), key=lambda i: i[1])


def test_a_figure_of_an_earlier_event_is_not_compared(nlp, tmp_path):
    r = run(nlp, tmp_path, {
        "a.txt": "The operation led to 288 arrests. It builds on last year's operation, which led to 120 arrests.",
        "b.txt": "The operation led to 288 arrests.",
    })
    assert not [f for f in r.findings if f.verdict == "disagree"]
    assert verdict_of(r, "arrest").verdict == "agree"


CORPUS = {
    "one.txt": "The raid led to 288 arrests and seized 850 kilograms of drugs and about 152 pounds of fentanyl.",
    "two.txt": "Police made 288 arrests. Agents seized 1,875 pounds of pills and other drugs, with 64 kilograms of fentanyl.",
    "three.txt": "Overseas, officers made 135 arrests. The number of arrests, including 153 in the U.S., rose to 288 arrests.",
    "four.txt": "He kept a list of 6,000 customers and was sentenced to 16 years in prison.",
    "five.txt": "He had greater than 6,000 consumers and got 16 years in jail.",
}


def _projection(result, names):
    """Findings without ids or file names: what a reader would compare between two runs."""
    claims = {c.id: c for c in result.claims}
    return sorted(
        (f.kind, f.what, f.scope or "", f.verdict,
         tuple(sorted((names[claims[c].article], claims[c].text) for c in f.claims)))
        for f in result.findings
    )


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_findings_do_not_depend_on_file_order_or_names(nlp, seed):
    rng = random.Random(seed)
    items = list(CORPUS.items())
    rng.shuffle(items)
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        base = run(nlp, Path(a), dict(sorted(CORPUS.items())))
        renamed = {f"{rng.randrange(10**6):06d}-{i}.txt": text for i, (_, text) in enumerate(items)}
        other = run(nlp, Path(b), renamed)
        # map each run's paths to the original article they hold
        by_text = {text: name for name, text in CORPUS.items()}
        names_a = {name: name for name in CORPUS}
        names_b = {name: by_text[text] for name, text in renamed.items()}
        assert _projection(other, names_b) == _projection(base, names_a)


def test_an_article_with_two_figures_of_one_thing_makes_no_disagreement(nlp, tmp_path):
    """One article weighs two laptops: the words alone do not say which figure another article's
    is about, so equal figures agree and no disagreement is claimed."""
    r = run(nlp, tmp_path, {
        "a.txt": "The small laptop weighs 2.4 pounds. The large laptop weighs 4.5 pounds.",
        "b.txt": "The new laptop weighs 4.5 pounds.",
        "c.txt": "The laptop weighs 2.4 pounds.",
    })
    found = sorted((f.verdict, [c.split("/")[-1] for c in f.articles], f.explanation)
                   for f in quantity_findings(r, "weight"))
    assert found == [
        ("agree", ["a.txt", "b.txt"],
         "intervals overlap: 4.5 pounds (2.01849–2.06385 kilogram) [a.txt, b.txt] (other figures "
         "of weight in these articles are not compared: an article states more than one)"),
        ("agree", ["a.txt", "c.txt"],
         "intervals overlap: 2.4 pounds (1.06594–1.1113 kilogram) [a.txt, c.txt] (other figures "
         "of weight in these articles are not compared: an article states more than one)"),
    ]


def test_one_figure_an_article_that_differ_disagree(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "The laptop weighs 4.5 pounds.",
                            "b.txt": "The laptop weighs 5.2 pounds."})
    assert verdict_of(r, "weight").verdict == "disagree"


def test_distances_from_different_places_are_not_compared(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "The quake struck 12 miles north of Springfield.",
                            "b.txt": "The quake struck 30 miles east of Riverton.",
                            "c.txt": "The quake was centered 12 miles from Springfield."})
    found = sorted((f.verdict, f.scope, len(f.articles)) for f in quantity_findings(r, "distance"))
    assert found == [("agree", "of Springfield", 2), ("single_source", "of Riverton", 1)]


def test_the_same_figure_naming_nothing_agrees_and_a_different_one_is_not_compared(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Officials said it was $45,000.",
                            "b.txt": "He said it was $45,000.",
                            "c.txt": "She said it was $40,000."})
    found = sorted((f.verdict, f.what, len(f.articles), f.explanation)
                   for f in quantity_findings(r))
    assert found == [
        ("agree", "$45,000", 2, "the same figure, though no article says what it measures: "
         "$45,000 (44,999.5–45,000.5 USD) [a.txt, b.txt]"),
        ("single_source", "$40,000", 1, "stated by c.txt only"),
    ]


def test_a_figure_naming_nothing_joins_the_one_group_stating_its_value(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "A 5.2 magnitude earthquake struck the coast.",
                            "b.txt": "The earthquake had a magnitude of 5.2.",
                            "c.txt": "Seismologists put the tremor at magnitude 5.2."})
    f = verdict_of(r, "earthquake")
    assert (f.verdict, len(f.claims)) == ("agree", 3)


@pytest.mark.parametrize("first,second", [("quake", "earthquake"), ("temblor", "quake"),
                                          ("earnings", "profit"), ("sales", "revenue")])
def test_news_synonyms_are_one_thing(nlp, tmp_path, first, second):
    r = run(nlp, tmp_path, {"a.txt": f"Officials put the {first} in the region at 7 units.",
                            "b.txt": f"Officials put the {second} in the region at 9 units."})
    assert {f.verdict for f in quantity_findings(r)} == {"disagree"}


def test_figures_whose_sentences_share_nothing_but_the_noun_do_not_disagree(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "There were 400 people.",
                            "b.txt": "The current population of the planet is 8 billion people."})
    found = sorted((f.verdict, f.explanation) for f in quantity_findings(r))
    assert found == [
        ("single_source", "stated by a.txt only"), ("single_source", "stated by b.txt only")]


def test_figures_of_different_holders_are_different_facts(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "The 14-inch model costs $1,049.",
                            "b.txt": "The 16-inch model costs $1,549.",
                            "c.txt": "The 14-inch model costs $1,049, a spokesman said."})
    found = sorted((f.verdict, len(f.articles), f.claims and r_text(r, f)) for f in
                   quantity_findings(r, "price"))
    assert found == [("agree", 2, ["$1,049", "$1,049"]), ("single_source", 1, ["$1,549"])]


def test_a_figure_whose_holder_is_not_named_never_disagrees_with_a_named_one(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "The phone weighs 150 grams for the 6-inch model.",
                            "b.txt": "It weighs 190 grams.",
                            "c.txt": "The device weighs 190 grams."})
    found = sorted((f.verdict, r_text(r, f), f.explanation.split(": ")[0])
                   for f in quantity_findings(r, "weight"))
    assert found == [("agree", ["190 grams", "190 grams"], "intervals overlap"),
                     ("single_source", ["150 grams"], "stated by a.txt only")]


@pytest.mark.parametrize("second,verdict", [("38", "agree"), ("39", "disagree")])
def test_a_persons_age_is_compared_across_articles(nlp, tmp_path, second, verdict):
    r = run(nlp, tmp_path, {"a.txt": "The town's mayor, Jo Smith, 38, was injured.",
                            "b.txt": f"The mayor, {second}-year-old Jo Smith, was injured.",
                            "c.txt": "A 39-year-old man and Kim Lee, 38, were arrested."})
    ages = [(f.what, f.entity, f.verdict, f.articles, r_text(r, f)) for f in r.findings
            if f.what.startswith("age of")]
    assert ages == [("age of Jo Smith", "Jo Smith", verdict, ["a.txt", "b.txt"],
                     ["38", f"{second}-year-old"])]


@pytest.mark.parametrize("second,verdict", [("950", "disagree"), ("8", "single_source")])
def test_figures_more_than_tenfold_apart_are_not_one_fact(nlp, tmp_path, second, verdict):
    r = run(nlp, tmp_path, {
        "a.txt": "The plant will have a capacity of 800 megawatts, officials said.",
        "b.txt": f"The plant will have a capacity of {second} megawatts, officials said."})
    assert {f.verdict for f in quantity_findings(r, "capacity")} == {verdict}


@pytest.mark.parametrize("holder,verdict", [("hurricane", "disagree"), ("rocket", "single_source")])
def test_holders_named_by_nouns_of_different_things_do_not_disagree(nlp, tmp_path, holder,
                                                                    verdict):
    r = run(nlp, tmp_path, {"a.txt": "The storm brought winds of 45 mph to the coast.",
                            "b.txt": f"The {holder} brought winds of 65 mph to the coast."})
    assert {f.verdict for f in quantity_findings(r, "wind")} == {verdict}


@pytest.mark.parametrize("level,verdict", [("$30.40", "disagree"), ("$28.90", "single_source")])
def test_changes_that_set_out_from_other_levels_are_other_occasions(nlp, tmp_path, level,
                                                                    verdict):
    # $30.50 + $1.20 and $30.40 + $1.30 both set out from $31.70; $28.90 + $1.30 from $30.20
    r = run(nlp, tmp_path, {
        "a.txt": "Toyota shares fell $1.20, or 4 percent, to close at $30.50 on the news.",
        "b.txt": f"Toyota shares fell $1.30 to finish at {level} on the news."})
    assert {f.verdict for f in quantity_findings(r, "share")} == {verdict}


@pytest.mark.parametrize("way,verdict", [("rose", "disagree"), ("fell", "single_source")])
def test_a_holder_that_changed_the_other_way_is_another_occasion(nlp, tmp_path, way, verdict):
    r = run(nlp, tmp_path, {
        "a.txt": "Toyota shares rose 0.4%, on turnover of 2.15 billion yen.",
        "b.txt": f"Toyota shares {way} 0.9%, on turnover of 2.4 billion yen."})
    assert {f.verdict for f in quantity_findings(r, "turnover")} == {verdict}


def test_a_figure_naming_nothing_never_makes_a_group_disagree(nlp, tmp_path):
    r = run(nlp, tmp_path, {
        "a.txt": "The firm said it has more than 7,000 customers across the country.",
        "b.txt": "The firm said it has more than 2,000 customers across the country.",
        "c.txt": "About 2,000 of them came from Asia."})
    found = sorted((f.verdict, r_text(r, f)) for f in quantity_findings(r))
    assert found == [("agree", ["more than 2,000 customers", "About 2,000"]),
                     ("agree", ["more than 7,000 customers", "more than 2,000 customers"]),
                     ("single_source", ["About 2,000"])]


def test_an_age_shared_by_two_people_is_each_ones(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "Officers Jo Smith and Kim Lee, both 29, were injured.",
                            "b.txt": "The mayor said 29-year-old Kim Lee was injured."})
    ages = [(f.what, f.verdict, f.articles) for f in r.findings if f.what.startswith("age of")]
    assert ages == [("age of Kim Lee", "agree", ["a.txt", "b.txt"])]


def test_a_measure_naming_nothing_joins_the_one_group_it_fits(nlp, tmp_path):
    r = run(nlp, tmp_path, {
        "a.txt": "The new tablet weighs 3.2 pounds.",
        "b.txt": "The new tablet weighs under 3.2 pounds.",
        "c.txt": "At 0.6 inches and at 3.18 pounds, it will be the lightest tablet yet."})
    assert [(f.verdict, r_text(r, f)) for f in quantity_findings(r, "weight")] == [
        ("agree", ["3.2 pounds", "under 3.2 pounds", "3.18 pounds"])]


def r_text(result, finding):
    by_id = {c.id: c.text for c in result.claims}
    return [by_id[i] for i in finding.claims]


def test_the_same_distinctive_figure_under_different_names_agrees(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "It carries a price tag of $2,499.",
                            "b.txt": "The suggested retail price is $2,499.",
                            "c.txt": "Three people were arrested.",
                            "d.txt": "Three people died."})
    same = [f for f in r.findings if f.explanation.startswith("the same figure in several")]
    assert [(f.verdict, f.what, f.articles) for f in same] == [
        ("agree", "price / price tag", ["a.txt", "b.txt"])]
    assert same[0].explanation == (
        "the same figure in several articles, named differently: $2,499 (2,498.5–2,499.5 USD) "
        "(price tag) [a.txt], $2,499 (2,498.5–2,499.5 USD) (price) [b.txt]")


def test_the_same_figure_repeated_in_an_article_is_listed_where_first_stated(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "The laptop has a battery life of eight hours. It lasts "
                                     "eight hours on a charge.",
                            "b.txt": "Apple says it will run for eight hours."})
    same = [f for f in r.findings if f.explanation.startswith("the same figure in several")]
    starts = {c.id: (c.article, c.start) for c in r.claims}
    assert [sorted(starts[i] for i in f.claims) for f in same] == [[("a.txt", 33), ("b.txt", 27)]]


def test_touching_intervals_in_one_article_are_two_figures(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "The small model has a 2.1GHz processor and the large "
                                     "model a 2.2GHz processor.",
                            "b.txt": "It has a 2.5GHz processor."})
    assert {f.verdict for f in quantity_findings(r)} == {"single_source"}


def test_one_of_something_is_not_a_count_to_compare(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "During the unrest, one protester threw a petrol bomb.",
                            "b.txt": "Tens of thousands of protesters marched."})
    assert [f.verdict for f in quantity_findings(r)] == ["single_source"]


def test_words_of_one_meaning_are_compared_and_an_aftershock_is_not_the_quake(nlp, tmp_path):
    r = run(nlp, tmp_path, {"a.txt": "A 5.7-magnitude quake struck the coast.",
                            "b.txt": "A 5.3-magnitude earthquake struck the coast.",
                            "c.txt": "A 3.1-magnitude aftershock struck the coast."})
    found = sorted((f.verdict, f.what, len(f.articles)) for f in quantity_findings(r))
    assert found == [("disagree", "earthquake", 2), ("single_source", "aftershock", 1)]
