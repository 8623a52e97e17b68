"""Rule data for the components: read from `models/` when a component is made, saved with the
pipeline (`nlp.to_disk`) and read back with it (`spacy.load`), as spaCy's own rulers do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import srsly

from ..resources import load_json, models_dir
from .attributes import register_extensions

# file name -> the sections a component reads from it (None: the whole file)
Sources = dict[str, tuple[str, ...] | None]


class RuleFiles:
    """A component whose rules are a few sections of JSON files in `models/`.

    `SOURCES` maps a file name (relative to `models/`) to the sections the component reads from
    it, or to None for the whole file; only those are kept and saved. Subclasses build their rule
    objects from that data in `use()`.
    """

    SOURCES: ClassVar[Sources] = {}

    def __init__(self, rules_dir: str | None) -> None:
        register_extensions()  # when a component is made, never when a module is imported
        self.load_rules(rules_dir)

    def load_rules(self, rules_dir: str | None) -> None:
        """Read the rules from `rules_dir` (default: the shipped models/)."""
        directory = Path(rules_dir) if rules_dir else None
        data = {}
        for name, sections in self.SOURCES.items():
            whole = load_json(name, directory)
            missing = [key for key in sections or () if key not in whole]
            if missing:
                where = (directory or models_dir()) / name
                raise ValueError(f"{where}: missing {', '.join(map(repr, missing))}; "
                                 f"{type(self).__name__} needs the sections "
                                 f"{', '.join(sections or ())}")
            data[name] = whole if sections is None else {key: whole[key] for key in sections}
        self.use_rules(data)

    def use_rules(self, data: dict[str, Any]) -> None:
        self.rule_data = data
        self.use(data)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, sections in self.rule_data.items():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            (path / name).write_text(json.dumps(sections, ensure_ascii=False, indent=1),
                                     encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> RuleFiles:
        path = Path(path)
        self.use_rules({name: json.loads((path / name).read_text(encoding="utf-8"))
                        for name in self.SOURCES})
        return self

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return srsly.msgpack_dumps(self.rule_data)

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> RuleFiles:
        self.use_rules(srsly.msgpack_loads(data))
        return self


def entries(section: dict[str, Any]) -> dict[str, Any]:
    """A table's entries without its `_doc` and other underscored notes."""
    return {k: v for k, v in section.items() if not k.startswith("_")}


def from_to_verbs(quantities: dict[str, Any]) -> frozenset[str]:
    """The verbs after which 'from 5% to 6%' (or 'by $4 to $9') are a change and the level it
    reaches, not one range: the change verbs and the motion verbs of quantities.json."""
    change = quantities["change_verbs"]
    return frozenset(change["up"] + change["down"] + quantities["motion_verbs"]["lemmas"])


def count_abbreviations(quantities: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """'ppg' -> ('point', 'game'): what a box-score abbreviation counts, and per what."""
    return {k: (v[0], v[1]) for k, v in entries(quantities["count_abbreviations"]).items()}
