"""Across articles: where the sources agree and disagree. Figures are judged in `quantities`,
people and organisations merged in `entities`, quotations and roles compared in `quotes`, and a
corpus's results put together in `corpus`."""

from .corpus import assemble
from .quantities import (
    COMPARED_KINDS,
    VERDICT_ORDER,
    ConceptRules,
    Rates,
    RatesError,
    Reconciler,
    sort_by,
)

__all__ = ["COMPARED_KINDS", "VERDICT_ORDER", "ConceptRules", "Rates", "RatesError", "Reconciler",
           "assemble", "sort_by"]
