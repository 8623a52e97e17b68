"""Across articles: where the sources agree and disagree. Figures are judged in `quantities`
(with `figures`: their intervals, when two state the same value, whose they are), people and
organisations merged in `entities`, quotations and roles compared in `quotes`, and a corpus's
results put together in `corpus`."""

from .corpus import assemble
from .figures import COMPARED_KINDS, Rates, RatesError
from .quantities import VERDICT_ORDER, ConceptRules, Reconciler, sort_by

__all__ = ["COMPARED_KINDS", "VERDICT_ORDER", "ConceptRules", "Rates", "RatesError", "Reconciler",
           "assemble", "sort_by"]
