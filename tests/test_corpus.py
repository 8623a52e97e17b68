"""Acceptance on corpus/operation-spector: the figures, the furniture, the people and organisations."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DOJ = "operation-spector/doj-release-reworded.txt"
TBB = "operation-spector/texas-border-business.txt"
STREAM = "operation-spector/the-stream.txt"

# article, claim text, value, normalised value, normalised unit, qualifier, what, scope
EXPECTED = [
    (DOJ, "288 arrests", 288, 288, None, "exact", "arrest", None),
    (TBB, "288 arrests", 288, 288, None, "exact", "arrest", None),
    (STREAM, "288 arrests", 288, 288, None, "exact", "arrest", None),
    (DOJ, "117 firearms", 117, 117, None, "exact", "firearm", None),
    (TBB, "117 firearms", 117, 117, None, "exact", "firearm", None),
    (STREAM, "117 firearms", 117, 117, None, "exact", "firearm", None),
    (TBB, "1,875 pounds", 1875, 850.48569, "kilogram", "exact", "pill and drug", None),
    (DOJ, "850 kilograms", 850, 850, "kilogram", "exact", "medication", None),
    (STREAM, "850 kilograms", 850, 850, "kilogram", "exact", "drug", None),
    (TBB, "about 152 pounds", 152, 68.94604, "kilogram", "approximately", "fentanyl", None),
    (DOJ, "64 kilograms", 64, 64, "kilogram", "exact", "fentanyl or narcotic", None),
    (STREAM, "64 kilograms", 64, 64, "kilogram", "exact", "fentanyl or drug", None),
    (TBB, "more than $50 million", 50e6, 50e6, "USD", "more_than", "cash and currency", None),
    (DOJ, "$53.4 million", 53.4e6, 53.4e6, "USD", "exact", "money and currency", None),
    (STREAM, "over $53 million", 53e6, 53e6, "USD", "more_than", "currency", None),
    (DOJ, "over 100 federal operations", 100, 100, None, "more_than", "operation and prosecution", None),
    (STREAM, "over 100 prosecutions", 100, 100, None, "more_than", "prosecution", None),
    (DOJ, "three continents", 3, 3, None, "exact", "continent", None),
    (TBB, "three continents", 3, 3, None, "exact", "continent", None),
    (STREAM, "three continents", 3, 3, None, "exact", "continent", None),
    (TBB, "nine countries", 9, 9, None, "exact", "country", "across the United States, Europe, and South America"),
    (TBB, "12 U.S. agencies", 12, 12, None, "exact", "agency", None),
    (TBB, "135 arrests", 135, 135, None, "exact", "arrest", "overseas"),
    (TBB, "more than $38 million", 38e6, 38e6, "USD", "more_than", None, "overseas"),
    (TBB, "153", 153, 153, None, "exact", "arrest", "in the U.S."),
    (TBB, "approximately 450 pounds", 450, 204.11657, "kilogram", "approximately", "drug", "in one operation in the U.S. last fall"),
    (TBB, "10 weapons", 10, 10, None, "exact", "weapon", "in one operation in the U.S. last fall"),
    (TBB, "6,000 customers", 6000, 6000, None, "exact", "customer", None),
    (DOJ, "greater than 6,000 consumers", 6000, 6000, None, "more_than", "consumer", None),
    (TBB, "16 years", 16, 16, "year", "exact", "sentence", None),
    (DOJ, "16 years", 16, 16, "year", "exact", "sentence", None),
    (STREAM, "30 federal districts", 30, 30, None, "exact", "district", None),
]  # fmt: skip


@pytest.mark.parametrize("article,text,value,normal,unit,qualifier,what,scope", EXPECTED)
def test_expected_claim(corpus_result, article, text, value, normal, unit, qualifier, what, scope):
    matches = [c for c in corpus_result.claims if c.article == article and c.text == text]
    assert matches, f"no claim {text!r} in {article}"
    c = matches[0]  # the first statement; a caption repeating it is another sentence
    written = c.to_dict()  # what and scope as the JSON output writes them
    assert (c.value, c.normalized.value, c.normalized.unit, c.qualifier, written["what"],
            written["scope"]) == (
        pytest.approx(value), pytest.approx(normal, rel=1e-6), unit, qualifier, what, scope)


def test_interval_from_precision_is_normalised(corpus_result):
    c = next(c for c in corpus_result.claims if c.text == "1,875 pounds")
    assert (c.normalized.low, c.normalized.high) == (
        pytest.approx(1874.5 * 0.45359237), pytest.approx(1875.5 * 0.45359237))
    c = next(c for c in corpus_result.claims if c.text == "850 kilograms")
    assert (c.normalized.low, c.normalized.high) == (849.5, 850.5)


def test_nothing_comes_from_page_furniture(corpus_result):
    texts = {c.text for c in corpus_result.claims if c.article == TBB}
    assert not any(t.startswith(("90", "102", "18", "2024")) for t in texts)
    assert not any("Advertisement" in c.sentence for c in corpus_result.claims)
    names = {n for e in corpus_result.entities for n in (e.name, *e.aliases)}
    assert not any("Image" in n or "Advertisement" in n for n in names)


def test_the_people_each_once(corpus_result):
    people = sorted(e.name for e in corpus_result.entities if e.label == "PERSON")
    assert people == [
        "Andrew Innocenti", "Anne Milgram", "Anton Peck", "Catherine De Bolle", "Christopher Wray",
        "Kristen Varel", "Lou Milione", "Merrick B. Garland", "P.J. Lechleitner", "Paul Abbate",
    ]
    garland = next(e for e in corpus_result.entities if e.name == "Merrick B. Garland")
    assert (sorted(garland.aliases), garland.role) == (["Garland", "Merrick Garland"], "Attorney General")
    assert sorted(garland.articles) == [DOJ, TBB]
    wray = next(e for e in corpus_result.entities if e.name == "Christopher Wray")
    assert wray.role == "FBI Director"


@pytest.mark.parametrize(
    "name,alias",
    [
        ("FBI", None),
        ("Department of Justice", "DOJ"),
        ("Department of Justice", "Justice Department"),
        ("Joint Criminal Opioid and Darknet Enforcement", "JCODE"),
        ("European Union Agency for Law Enforcement Cooperation", "Europol"),
        ("European Cybercrime Centre", "EC3"),
        ("Drug Enforcement Administration", "DEA"),
        ("Homeland Security Investigations", "HSI"),
        ("Internal Revenue Service", "IRS"),
        ("Food and Drug Administration", "FDA"),
        ("U.S. Postal Inspection Service", "Postal Inspection Service"),
        ("Centers for Disease Control and Prevention", "CDC"),
        ("Department of Homeland Security", "DHS"),
    ],
)
def test_each_organisation_once(corpus_result, name, alias):
    orgs = [e for e in corpus_result.entities if e.label == "ORG"]
    matching = [e for e in orgs if e.name == name]
    assert len(matching) == 1
    if alias is not None:
        assert alias in matching[0].aliases
        assert not [e for e in orgs if e.name == alias]


def test_claims_name_the_entities_of_their_sentence(corpus_result):
    c = next(c for c in corpus_result.claims if c.article == TBB and c.text == "12 U.S. agencies")
    assert c.entities == ("FBI",)


def _multi_source(corpus_result):
    return {f.what: f for f in corpus_result.findings
            if f.kind == "quantity" and len(f.articles) > 1}


def test_findings_on_the_corpus(corpus_result):
    findings = _multi_source(corpus_result)
    assert {what: f.verdict for what, f in findings.items()} == {
        "arrest": "agree", "firearm": "agree", "drug": "agree", "fentanyl": "disagree",
        "money": "agree", "prosecution": "agree", "continent": "agree", "customer": "agree",
        "sentence": "agree",
    }
    assert [f.what for f in corpus_result.findings if f.verdict == "disagree"] == ["fentanyl"]
    assert corpus_result.findings[0].what == "fentanyl"  # disagreements first
    assert findings["fentanyl"].explanation == (
        "no value fits all: 64 kilograms (63.5–64.5 kilogram) "
        f"[{DOJ}, {STREAM}] vs about 152 pounds (65.2833–72.6315 kilogram) [{TBB}]")


def test_scoped_parts_add_up_and_never_disagree_with_the_total(corpus_result):
    parts = [f for f in corpus_result.findings if f.kind == "parts"]
    assert [f.explanation for f in parts] == [
        "parts add up to the whole: 135 arrests (overseas) + 153 (in the U.S.) = 288 arrests"]


GOLD = ROOT.parent / "shared" / "gold"


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside the checkout")
def test_gold_scorer_is_satisfied(tmp_path):
    import subprocess
    import sys

    from typer.testing import CliRunner

    from claims.cli import app

    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["extract", str(ROOT / "corpus"), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    scored = subprocess.run(
        [sys.executable, str(GOLD / "score.py"), str(ROOT / "corpus"),
         str(GOLD / "operation-spector.jsonl"), str(GOLD / "operation-spector-verdicts.json"),
         str(out)], capture_output=True, text=True, check=True,
    )
    assert scored.stdout.splitlines()[-1] == (
        "recall=32/32 unit_ok=32/32 verdicts=9/9 false_disagree=0 ungraded_disagree=0")


def test_quotations_are_attributed_consistently(corpus_result):
    quotations = [f for f in corpus_result.findings if f.kind == "quotation"]
    assert {f.verdict for f in quotations} == {"agree"}
    by_person = {}
    for f in quotations:
        by_person.setdefault(f.entity, set()).update(f.articles)
    assert by_person == {
        "Christopher Wray": {DOJ, TBB},
        "Merrick B. Garland": {DOJ, TBB},
        "Catherine De Bolle": {TBB, STREAM},
        "Anne Milgram": {DOJ, STREAM},
    }


def test_roles_stated_by_two_articles_agree(corpus_result):
    roles = {f.entity: (f.verdict, f.articles) for f in corpus_result.findings if f.kind == "role"}
    assert roles == {
        "Anne Milgram": ("agree", [DOJ, STREAM]),
        "Catherine De Bolle": ("agree", [TBB, STREAM]),
        "Christopher Wray": ("agree", [DOJ, TBB]),
        "Merrick B. Garland": ("agree", [DOJ, TBB]),
    }


def test_two_workers_give_what_one_process_gives(nlp, tmp_path):
    """Each paragraph an article of its own, so the corpus spans many worker batches: results,
    their order and the findings across articles must not depend on which process parsed what."""
    from claims.extract import WORKER_BATCH, extract_corpus

    for article in (ROOT / "corpus" / "operation-spector").glob("*.txt"):
        paragraphs = [p for p in article.read_text(encoding="utf-8").split("\n\n") if len(p) > 200]
        for i, paragraph in enumerate(paragraphs):
            (tmp_path / f"{article.stem}-{i:02}.txt").write_text(paragraph, encoding="utf-8")
    one = extract_corpus([tmp_path], nlp)
    two = extract_corpus([tmp_path], nlp, n_process=2)
    assert len(one.articles) > 4 * WORKER_BATCH
    assert two.to_dict() == one.to_dict()
    assert len(one.claims) > 50 and one.findings


def test_a_pipeline_saved_and_loaded_extracts_the_same_claims(nlp, corpus_result, tmp_path):
    """nlp.to_disk() then spacy.load(): the components come back from the entry points and
    their rules from the saved folder."""
    import json

    import spacy

    from claims.extract import extract_corpus

    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert extract_corpus([ROOT / "corpus"], loaded).to_dict() == corpus_result.to_dict()

    # the rules are the saved ones, not models/: without "about", "about 152 pounds" is exact
    saved = tmp_path / "pipeline" / "claims_units" / "quantities.json"
    rules = json.loads(saved.read_text(encoding="utf-8"))
    del rules["qualifiers"]["about"]
    saved.write_text(json.dumps(rules), encoding="utf-8")
    edited = spacy.load(tmp_path / "pipeline")
    text = "It included about 152 pounds of fentanyl."
    assert [(text[q.start : q.end], q.qualifier) for q in nlp(text)._.quantities] == [
        ("about 152 pounds", "approximately")]
    assert [(text[q.start : q.end], q.qualifier) for q in edited(text)._.quantities] == [
        ("152 pounds", "exact")]
