"""Disjoint sets: what the reconcilers join ("the same person", "the same quotation", "the same
thing measured") falls into groups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Items joined into groups. A group's root is its smallest item (by `key`), so what the
    groups are called never depends on the order items were joined in."""

    def __init__(self, items: Iterable[T] = (), key: Callable[[T], Any] | None = None) -> None:
        self.parent: dict[T, T] = {item: item for item in items}
        self.key = key

    def add(self, item: T) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: T) -> T:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb), key=self.key)
            self.parent[high] = low

    def groups(self) -> list[list[T]]:
        """Every group, its items in order, the groups in the order of their first items."""
        grouped: dict[T, list[T]] = defaultdict(list)
        for item in sorted(self.parent, key=self.key):
            grouped[self.find(item)].append(item)
        return list(grouped.values())
