"""Behaviour of quotation finding (claims.components.quotations) and quotation/role
reconciliation (claims.reconcile.quotes)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from claims.components.quotations import QuoteRules, find_quotes, quote_id
from claims.extract import read_corpus
from claims.reading import masked_text
from claims.reconcile.entities import resolve_entities
from claims.reconcile.quotes import reconcile_quotes, reconcile_roles, speaker_lookup
from claims.resources import models_dir
from claims.types import Entity, Finding, Mention, Quote

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOJ = "operation-spector/doj-release-reworded.txt"
TEXAS = "operation-spector/texas-border-business.txt"
STREAM = "operation-spector/the-stream.txt"

SAYING = "We will find every dealer in the country"


@pytest.fixture(scope="session")
def rules() -> QuoteRules:
    return QuoteRules.load()


def quotes_in(nlp: Language, rules: QuoteRules, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    return [(q.text, q.speaker_text) for q in find_quotes(doc, doc._.mentions, rules)]


# --------------------------------------------------------------------------- find_quotes


@pytest.mark.parametrize(
    "text,expected",
    [
        # “…,” said X / “…,” X said
        (f"“{SAYING},” said Jane Smith.", [(SAYING, "Jane Smith")]),
        (f"“{SAYING},” Jane Smith said.", [(SAYING, "Jane Smith")]),
        # X said, “…” and the other speech verbs, with a comma or a colon
        (f"Jane Smith said, “{SAYING}.”", [(f"{SAYING}.", "Jane Smith")]),
        (f"Jane Smith added, “{SAYING}.”", [(f"{SAYING}.", "Jane Smith")]),
        (f"Jane Smith mentioned, “{SAYING}.”", [(f"{SAYING}.", "Jane Smith")]),
        (f"John Miller told reporters, “{SAYING}.”", [(f"{SAYING}.", "John Miller")]),
        (f"John Miller noted: “{SAYING}.”", [(f"{SAYING}.", "John Miller")]),
        (f"John Miller explained, “{SAYING}.”", [(f"{SAYING}.", "John Miller")]),
        # the role after the name is not the speaker
        (
            f"“{SAYING},” said Jane Smith, the director of the agency.",
            [(SAYING, "Jane Smith")],
        ),
        # an organisation speaks when no person does
        (f"“{SAYING},” the FBI said in a statement.", [(SAYING, "FBI")]),
        # a quotation split around its attribution
        (
            "“We will find every dealer,” Jane Smith said. “Nobody is beyond our reach.”",
            [("We will find every dealer", "Jane Smith"),
             ("Nobody is beyond our reach.", "Jane Smith")],
        ),
        # a quotation going on in the next paragraph
        (
            "“We will find every dealer,” said Jane Smith.\n\n“Nobody is beyond our reach.”",
            [("We will find every dealer", "Jane Smith"),
             ("Nobody is beyond our reach.", "Jane Smith")],
        ),
        # news style: the paragraph's closing mark is left off when the quotation goes on
        (
            f"“{SAYING}.\n\n“Nobody is beyond our reach,” said Jane Smith.",
            [(f"{SAYING}.", "Jane Smith"), ("Nobody is beyond our reach", "Jane Smith")],
        ),
        # someone else named in between: the next quotation is not the first speaker's
        (
            "“We will find every dealer,” said Jane Smith. Tom Brown disagreed with the plan. "
            "“It will never work.”",
            [("We will find every dealer", "Jane Smith")],
        ),
        (
            "“We will find every dealer,” said Jane Smith. “It will never work,” Tom Brown said.",
            [("We will find every dealer", "Jane Smith"), ("It will never work", "Tom Brown")],
        ),
        # a pronoun is the nearest person named before it
        (
            f"Jane Smith spoke to reporters on Monday.\n\n“{SAYING},” she said.",
            [(SAYING, "Jane Smith")],
        ),
        (
            f"Tom Brown met Jane Smith on Monday. “{SAYING},” she said.",
            [(SAYING, "Jane Smith")],
        ),
        # a photo caption (its credit blanked as page furniture) names no antecedent
        (
            f"“{SAYING},” said Jane Smith.\n\nA photo shows Tom Brown at the event.          "
            "\n\n“Nobody is beyond our reach,” she said.",
            [(SAYING, "Jane Smith"), ("Nobody is beyond our reach", "Jane Smith")],
        ),
        # where the words were published is not who said them
        (
            f"“{SAYING},” said Jane Smith, the agency director, according to the press release.",
            [(SAYING, "Jane Smith")],
        ),
        (f"“{SAYING},” according to the press release.", []),
        # no one to name
        (f"“{SAYING},” they said.", []),
        (f"“{SAYING},” the agent said.", []),
        # straight and single marks; apostrophes are not marks
        (f"\"{SAYING},\" said Jane Smith.", [(SAYING, "Jane Smith")]),
        (f"‘{SAYING},’ said Jane Smith.", [(SAYING, "Jane Smith")]),
        (
            "“That’s why Europol’s team will find every dealer,” said Jane Smith.",
            [("That’s why Europol’s team will find every dealer", "Jane Smith")],
        ),
        (
            "“He called it ‘a disaster’ and walked out of the room,” said Jane Smith.",
            [("He called it ‘a disaster’ and walked out of the room", "Jane Smith")],
        ),
        # an opening mark written for the closing one, before the attribution
        (
            f"“{SAYING}, “ Police Chief Jane Smith said in a statement.",
            [(SAYING, "Jane Smith")],
        ),
        # an apostrophe that looks like an opening mark does not swallow what follows
        (
            f"Dealers have sold pills since the '90s. “{SAYING},” said Jane Smith.",
            [(SAYING, "Jane Smith")],
        ),
        # a phrase quoted in between does not break the speaker's quotation
        (
            "“We will find every dealer,” said Jane Smith, who called the raid “historic.” "
            "“Nobody is beyond our reach.”",
            [("We will find every dealer", "Jane Smith"),
             ("Nobody is beyond our reach.", "Jane Smith")],
        ),
        # scare quotes, titles and phrases inside reported speech are not quotations
        ("The dealer sold pills under the name “Syntropy” for years.", []),
        ("Hundreds Arrested in Massive ‘Dark Web’ Drug Sting, DOJ Says", []),
        ("Jane Smith said the operation was “a historic success” for the agency.", []),
        # reported speech after a quotation is not its attribution
        (f"“{SAYING}.” Jane Smith added that prices rose.", []),
    ],
)
def test_find_quotes(nlp, rules, text, expected):
    assert quotes_in(nlp, rules, text) == expected


def test_quote_offsets_point_into_the_text(nlp, rules):
    text = f"Intro line.\n\n“{SAYING},” said Jane Smith."
    doc = nlp(text)
    [quote] = find_quotes(doc, doc._.mentions, rules)
    assert (quote.id, quote.article, quote.speaker, quote.line) == ("", "", None, 3)
    assert quote.text == text[quote.start : quote.end] == SAYING
    assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text == "Jane Smith"


def test_quote_id_is_stable():
    assert quote_id("a.txt", 3, 9) == quote_id("a.txt", 3, 9)
    assert quote_id("a.txt", 3, 9) != quote_id("b.txt", 3, 9)
    assert quote_id("a.txt", 3, 9).startswith("q")


def test_rules_say_what_is_wrong(tmp_path):
    data = json.loads((models_dir() / "quotes.json").read_text(encoding="utf-8"))
    data["matching"]["similarity"] = "high"
    (tmp_path / "quotes.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"expected matching\.similarity to be int or float"):
        QuoteRules.load(tmp_path)


def test_rules_load_from_a_directory(tmp_path):
    shutil.copy(models_dir() / "quotes.json", tmp_path / "quotes.json")
    assert QuoteRules.load(tmp_path) == QuoteRules.load()


# --------------------------------------------------------------------------- reconcile_quotes


def quote(article: str, text: str, speaker: str, start: int = 0, line: int = 1) -> Quote:
    return Quote(
        id=quote_id(article, start, start + len(text)),
        article=article,
        start=start,
        end=start + len(text),
        text=text,
        speaker=speaker,
        speaker_text=speaker,
        speaker_start=start + len(text) + 8,
        speaker_end=start + len(text) + 8 + len(speaker),
        line=line,
    )


def by_speaker(q: Quote) -> str | None:
    return q.speaker


FULL = (
    "Our message to criminals on the dark web is this: you can try to hide in the furthest "
    "reaches of the internet, but we will find you."
)


def test_same_quote_two_speakers_disagree(rules):
    a = quote("s/a.txt", FULL, "Jane Smith", line=4)
    b = quote("s/b.txt", FULL, "Tom Brown", line=9)
    [finding] = reconcile_quotes([a, b], by_speaker, rules)
    assert finding == Finding(
        id=finding.id,
        what="quotation: “Our message to criminals on the dark web…”",
        verdict="disagree",
        claims=sorted([a.id, b.id]),
        explanation=(
            "The articles attribute this quotation to different people: "
            "Jane Smith in s/a.txt line 4 (“Jane Smith”); Tom Brown in s/b.txt line 9 (“Tom Brown”)."
        ),
        story="s",
        kind="quotation",
        articles=["s/a.txt", "s/b.txt"],
        entity=None,
    )


def test_a_person_and_an_organisation_credited_with_one_quotation_agree(rules):
    a = quote("s/a.txt", FULL, "City Police", line=4)
    b = quote("s/b.txt", FULL, "Jane Smith", line=9)
    [finding] = reconcile_quotes([a, b], by_speaker, rules, people={"Jane Smith"})
    assert (finding.verdict, finding.entity) == ("agree", "Jane Smith")
    assert finding.explanation == (
        "2 articles attribute this quotation to Jane Smith (speaking for City Police): "
        "s/a.txt line 4 (“City Police”); s/b.txt line 9 (“Jane Smith”).")


def test_reworded_quote_agrees(rules):
    a = quote("s/a.txt", FULL, "Jane Smith")
    reworded = FULL.replace("dark web", "darknet").replace("furthest", "farthest")
    b = quote("s/b.txt", reworded, "Jane Smith")
    [finding] = reconcile_quotes([a, b], by_speaker, rules)
    assert (finding.verdict, finding.entity, finding.kind) == ("agree", "Jane Smith", "quotation")
    assert finding.explanation == (
        "2 articles attribute this quotation to Jane Smith: s/a.txt line 1 (“Jane Smith”); "
        "s/b.txt line 1 (“Jane Smith”, part of it, worded differently)."
    )


def test_partial_quote_agrees(rules):
    a = quote("s/a.txt", "Operation SpecTor was a success. " + FULL, "Jane Smith")
    b = quote("s/b.txt", FULL, "Jane Smith", start=40)
    [finding] = reconcile_quotes([a, b], by_speaker, rules)
    assert (finding.verdict, finding.articles) == ("agree", ["s/a.txt", "s/b.txt"])
    assert finding.what == "quotation: “Our message to criminals on the dark web…”"
    assert finding.explanation.endswith("s/b.txt line 1 (“Jane Smith”, part of it).")


def test_two_parts_of_one_quotation_join_one_finding(rules):
    first, second = FULL.split(": ")
    a = quote("s/a.txt", FULL, "Jane Smith")
    b1 = quote("s/b.txt", first, "Jane Smith")
    b2 = quote("s/b.txt", second, "Jane Smith", start=200)
    [finding] = reconcile_quotes([b2, a, b1], by_speaker, rules)
    assert finding.claims == sorted([a.id, b1.id, b2.id])
    assert finding.articles == ["s/a.txt", "s/b.txt"]


def test_different_quotes_or_one_article_make_no_finding(rules):
    a = quote("s/a.txt", FULL, "Jane Smith")
    other = quote("s/b.txt", "The operation spanned three continents and nine countries.", "X Y")
    same_article = quote("s/a.txt", FULL, "Jane Smith", start=500)
    assert reconcile_quotes([a, other, same_article], by_speaker, rules) == []


def test_short_phrases_are_not_matched(rules):
    a = quote("s/a.txt", "dark web", "Jane Smith")
    b = quote("s/b.txt", "dark web", "Tom Brown")
    assert reconcile_quotes([a, b], by_speaker, rules) == []


def test_quote_finding_id_is_stable_and_order_free(rules):
    a = quote("s/a.txt", FULL, "Jane Smith")
    b = quote("s/b.txt", FULL, "Jane Smith")
    assert reconcile_quotes([a, b], by_speaker, rules) == reconcile_quotes(
        [b, a], by_speaker, rules
    )


# --------------------------------------------------------------------------- reconcile_roles


EUROPOL = Entity(
    id="org-europol",
    name="European Union Agency for Law Enforcement Cooperation",
    label="ORG",
    aliases=["Europol"],
)
FBI = Entity(id="org-fbi", name="Federal Bureau of Investigation", label="ORG", aliases=["FBI"])


def roles_of(person: str, stated: dict[str, str]) -> list[Finding]:
    entity = Entity(id="person-1", name=person, label="PERSON")
    mentions = [
        Mention(article=article, start=i * 10, end=i * 10 + 5, text=person, label="PERSON",
                role=role)
        for i, (article, role) in enumerate(stated.items())
    ]
    return reconcile_roles([entity, EUROPOL, FBI], mentions, lambda m: "person-1")


@pytest.mark.parametrize(
    "first,second",
    [
        ("DEA Administrator", "DEA administrator"),
        (
            "Europol Executive Director",
            "executive director of the European Union Agency for Law Enforcement Cooperation "
            "(Europol)",
        ),
        ("FBI Director", "director of the Federal Bureau of Investigation"),
        ("Director", "FBI’s director"),
        ("Attorney General", "attorney general of the United States"),
        ("FBI chief", "FBI head"),  # words of one meaning in WordNet
    ],
)
def test_same_role_agrees(first, second):
    [finding] = roles_of("Jane Smith", {"s/a.txt": first, "s/b.txt": second})
    assert (finding.verdict, finding.kind, finding.what, finding.entity) == (
        "agree", "role", "role of Jane Smith", "Jane Smith"
    )
    assert (finding.claims, finding.articles) == ([], ["s/a.txt", "s/b.txt"])
    assert finding.explanation == (
        "The articles give Jane Smith the same role, allowing for case, word order and "
        f"organisation names: s/a.txt: “{first}”; s/b.txt: “{second}”."
    )


@pytest.mark.parametrize(
    "first,second",
    [
        ("FBI Director", "FBI Deputy Director"),
        ("DEA Administrator", "FBI Director"),
        ("Europol Executive Director", "Europol Director"),
    ],
)
def test_different_roles_disagree(first, second):
    [finding] = roles_of("Jane Smith", {"s/a.txt": first, "s/b.txt": second})
    assert finding.verdict == "disagree"
    assert finding.explanation == (
        f"The articles give Jane Smith different roles (s/a.txt: “{first}”; s/b.txt: "
        f"“{second}”): “{first}” is not “{second}”."
    )


def test_role_in_one_article_makes_no_finding():
    assert roles_of("Jane Smith", {"s/a.txt": "FBI Director"}) == []


# --------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="session")
def spector(nlp, rules):
    """Quotes, entities and findings over the SpecTor corpus, as the lead will wire them."""
    _, articles = read_corpus([CORPUS])
    quotes: list[Quote] = []
    mentions: list[Mention] = []
    for article in articles:
        doc = nlp(masked_text(article))
        found = find_quotes(doc, doc._.mentions, rules)
        for q in found:
            assert q.text == article.text[q.start : q.end]
            q.article, q.id = article.path, quote_id(article.path, q.start, q.end)
        for m in doc._.mentions:
            m.article = article.path
        quotes.extend(found)
        mentions.extend(doc._.mentions)
    entities, by_mention = resolve_entities(mentions)
    entity_of = speaker_lookup(entities, by_mention)
    findings = reconcile_quotes(quotes, entity_of, rules) + reconcile_roles(
        entities, mentions, lambda m: by_mention.get((m.article, m.start, m.end)), rules
    )
    return quotes, findings


def first_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[:n])


def test_corpus_quotes(spector):
    quotes, _ = spector
    found = [(q.article, q.speaker_text, first_words(q.text)) for q in quotes]
    assert found == [
        (DOJ, "Merrick B. Garland", "Operation SpecTor was a"),
        (DOJ, "Christopher Wray", "The availability of dangerous"),
        (DOJ, "Anne Milgram", "The Sinaloa and Jalisco"),
        (TEXAS, "Christopher Wray", "The availability of dangerous"),
        (TEXAS, "Christopher Wray", "That’s why we will"),
        (TEXAS, "Kristen Varel", "These darknet marketplaces and"),
        (TEXAS, "Kristen Varel", "We focus on those"),
        (TEXAS, "Varel", "JCODE would not be"),
        (TEXAS, "Varel", "Everything hits on multiple"),
        (TEXAS, "Catherine De Bolle", "Our coalition of law"),
        (TEXAS, "Catherine De Bolle", "This operation sends a"),
        (TEXAS, "Varel", "These pills are dangerous,"),
        (TEXAS, "Varel", "These individuals are not"),
        (TEXAS, "Andrew Innocenti", "No matter what somebody"),
        (TEXAS, "Andrew Innocenti", "When these pills are"),
        (TEXAS, "Andrew Innocenti", "And by that point,"),
        (TEXAS, "Garland", "Our message to criminals"),
        (STREAM, "P.J. Lechleitner", "The illicit movement of"),
        (STREAM, "P.J. Lechleitner", "Our HSI special agents,"),
        (STREAM, "Catherine De Bolle", "Our coalition of law"),
        (STREAM, "Catherine De Bolle", "This operation sends a"),
        (STREAM, "Anne Milgram", "The Sinaloa and Jalisco"),
    ]


def test_corpus_quotation_findings(spector):
    _, findings = spector
    found = [
        (f.verdict, f.entity, f.articles, len(f.claims), f.what)
        for f in findings
        if f.kind == "quotation"
    ]
    assert found == [
        ("agree", "Anne Milgram", [DOJ, STREAM], 2,
         "quotation: “The Sinaloa and Jalisco drug cartels and the…”"),
        ("agree", "Catherine De Bolle", [TEXAS, STREAM], 2,
         "quotation: “Our coalition of law enforcement authorities across three…”"),
        ("agree", "Catherine De Bolle", [TEXAS, STREAM], 2,
         "quotation: “This operation sends a strong message to criminals…”"),
        ("agree", "Christopher Wray", [DOJ, TEXAS], 3,
         "quotation: “That’s why we will continue to join forces…”"),
        ("agree", "Merrick B. Garland", [DOJ, TEXAS], 2,
         "quotation: “Our message to criminals on the dark web…”"),
    ]
    assert all(f.story == "operation-spector" for f in findings)


def test_corpus_role_findings(spector):
    _, findings = spector
    found = [(f.verdict, f.entity, f.articles) for f in findings if f.kind == "role"]
    assert found == [
        ("agree", "Anne Milgram", [DOJ, STREAM]),
        ("agree", "Catherine De Bolle", [TEXAS, STREAM]),
        ("agree", "Christopher Wray", [DOJ, TEXAS]),
        ("agree", "Merrick B. Garland", [DOJ, TEXAS]),
    ]
    milgram = next(f for f in findings if f.what == "role of Anne Milgram")
    assert milgram.explanation == (
        "The articles give Anne Milgram the same role, allowing for case, word order and "
        f"organisation names: {DOJ}: “DEA Administrator”; {STREAM}: “DEA administrator”."
    )
