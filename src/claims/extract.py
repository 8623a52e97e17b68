"""Extraction over a corpus: read articles, run the pipeline, turn quantities into Claims."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Union

from .cache import Cache
from .components.quotations import quote_id
from .components.tokens import text_of
from .reading import BoilerplateRules, discover, masked_text, read_article
from .reconcile import Rates, assemble
from .types import Article, ArticleResult, Claim, Quantity, Result

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Progress(Protocol):
    """Told how many articles a run has, then of each one as it is done."""

    def start(self, total: int) -> None: ...

    def advance(self, article: Article) -> None: ...


def claim_id(article: str, start: int, end: int) -> str:
    """Stable across runs: depends only on where the claim is."""
    return "c" + hashlib.sha1(f"{article}\0{start}\0{end}".encode()).hexdigest()[:12]


def claims_from_doc(doc: Doc, article: Article) -> list[Claim]:
    """The article's claims from a Doc the pipeline made of its masked text."""
    claims = []
    text = text_of(doc)
    quantities: list[Quantity] = doc._.quantities
    # One copy of each sentence and its offsets, however many claims it has: a corpus's claims
    # are all held until they are reconciled
    sentences: dict[tuple[int, int], tuple[str, int, int]] = {}
    for q in quantities:
        key = (q.sent_start, q.sent_end)
        sentence = sentences.get(key)
        if sentence is None:
            sentence = sentences[key] = (" ".join(text[q.sent_start : q.sent_end].split()), *key)
        claims.append(
            Claim(
                id=claim_id(article.path, q.start, q.end),
                article=article.path,
                start=q.start,
                end=q.end,
                text=article.text[q.start : q.end],
                sentence=sentence[0],
                value=q.value,
                low=q.low,
                high=q.high,
                qualifier=q.qualifier,
                unit=q.unit,
                normalized=q.normalized,
                what=q.what,
                scope=q.scope,
                kind=q.kind,
                dimension=q.dimension,
                stated_unit=q.stated_unit,
                line=article.text.count("\n", 0, q.start) + 1,
                story=article.story,
                sentence_start=sentence[1],
                sentence_end=sentence[2],
                same_as=None if q.restates is None else claim_id(article.path, *q.restates),
                change=q.change,
                per=q.per,
                holder=q.holder,
            )
        )
    return claims


Pipeline = Union["Language", Callable[[], "Language"]]


def extract_articles(articles: Iterable[Article], pipeline: Pipeline, *,
                     cache: Cache | None = None, batch_size: int = 16,
                     n_process: int = 1) -> Iterator[ArticleResult]:
    """One ArticleResult per article, streaming: no Doc is kept.

    `pipeline` is a loaded pipeline or a function that loads one: it is called only when an
    article is not in the cache, so a fully cached run never loads spaCy. Results come in input
    order, except that cached ones may overtake articles still in the pipeline.
    """
    it = iter(articles)

    def without_pipeline(article: Article) -> ArticleResult | None:
        if article.errors or article.duplicate_of is not None or not article.text.strip():
            return ArticleResult(article)
        return cache.get(article) if cache is not None else None

    for article in it:
        finished = without_pipeline(article)
        if finished is not None:
            yield finished
            continue
        nlp = pipeline if hasattr(pipeline, "pipe") else pipeline()  # a Language is callable too
        yield from _parse(article, it, nlp, without_pipeline, cache, batch_size, n_process)
        return


# The pipeline a worker process parses with: inherited from the parent when it forks.
_WORKER_NLP: Language | None = None
# Texts a worker parses in one nlp.pipe batch. Small, so that when the corpus runs out no worker
# waits long for the others: with 16, the last batch could leave one of two workers idle for an
# eighth of a 100-article run. spaCy parsed 4 texts a batch no slower than 16 here (medians of
# three passes over 150 articles), with identical output.
WORKER_BATCH = 4


# A worker's open memory zone and the texts parsed in it so far. A worker, like one process,
# closes its zone every ZONE_TEXTS texts, not after each small batch: a zone's end also drops
# the words it added to the Vocab and the tokenizer's cache, which the next batch would rebuild.
_WORKER_ZONE: ExitStack | None = None
_WORKER_ZONE_TEXTS = 0


def _parse_batch_in_worker(batch: list[Article]) -> list[ArticleResult]:
    global _WORKER_ZONE, _WORKER_ZONE_TEXTS
    nlp = _WORKER_NLP
    assert nlp is not None, "worker started without a pipeline"
    if _WORKER_ZONE is None:
        _WORKER_ZONE = ExitStack()
        _WORKER_ZONE.enter_context(nlp.memory_zone())
    # one nlp.pipe batch; spaCy's results do not depend on how texts are batched
    results = list(_pipe_zone(nlp, [(masked_text(a), a) for a in batch], len(batch)))
    _WORKER_ZONE_TEXTS += len(batch)
    if _WORKER_ZONE_TEXTS >= ZONE_TEXTS:
        _WORKER_ZONE.close()
        _WORKER_ZONE, _WORKER_ZONE_TEXTS = None, 0
    return results


# Texts parsed in one spaCy memory zone: the words and strings a zone adds to the shared Vocab
# are freed when it ends, so a long corpus does not grow the Vocab for ever. Nothing of a Doc
# outlives its zone: results are plain dataclasses of Python strings and numbers.
ZONE_TEXTS = 256


def _pipe(nlp: Language, items: Iterable[tuple[str, Article]], batch_size: int
          ) -> Iterator[ArticleResult]:
    """One result per item, in order. An article a component fails on comes back with the error
    in `errors` (see _record_failure), never stopping the run."""
    it = iter(items)
    while zone := list(islice(it, ZONE_TEXTS)):
        with nlp.memory_zone():
            yield from _pipe_zone(nlp, zone, batch_size)


def _pipe_zone(nlp: Language, items: Iterable[tuple[str, Article]], batch_size: int
               ) -> Iterator[ArticleResult]:
    sent: deque[Article] = deque()

    def tracked() -> Iterator[tuple[str, Article]]:
        for text, article in items:
            sent.append(article)
            yield text, article

    def failed(article: Article) -> ArticleResult:
        if not article.errors:
            article.errors.append(f"{article.path}: the pipeline returned no result")
        return ArticleResult(article)

    for doc, article in nlp.pipe(tracked(), as_tuples=True, batch_size=batch_size):
        while sent[0] is not article:  # dropped by the error handler
            yield failed(sent.popleft())
        sent.popleft()
        try:
            yield _result_from_doc(doc, article)
        except Exception as error:  # a bug on one article must not lose the others
            article.errors.append(_failure(article, "claims", error))
            yield ArticleResult(article)
    while sent:
        yield failed(sent.popleft())


def _failure(article: Article, step: str, error: BaseException) -> str:
    return (f"{article.path}: could not be processed ({step} failed with "
            f"{type(error).__name__}: {error}); please report this as a bug")


def _record_failure(name: str, proc: object, docs: list[Doc], error: Exception) -> None:
    """spaCy's error handler: note the failure on each article and let the run go on (spaCy then
    drops those docs; _pipe reports them). A Doc that is not an article's re-raises, as spaCy's
    default handler does."""
    articles = [getattr(doc, "_context", None) for doc in docs]
    if not articles or not all(isinstance(a, Article) for a in articles):
        raise error
    for article in articles:
        article.errors.append(_failure(article, name, error))


# An article above the pipeline's max_length is parsed in pieces of at most this many characters
# (or max_length, if lower), each ending at a paragraph break where one is near; results are
# shifted back into the article. A piece is the size of a long article: a batch of them parses
# in the memory of a batch of articles (1 MB in 20,000-character pieces: 1.1 GB peak, against
# 2.7 GB in 100,000-character ones, and faster).
PIECE_CHARS = 20_000
# Where a piece may end, best first: a blank line, a line break, a sentence end, a space.
_BREAKS = ("\n\n", "\n", ". ", " ")


def split_points(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) pieces covering `text`, each at most `limit` characters long, ending at the
    best break in the second half of their window (cut hard only where there is none)."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        cut = start + limit
        for separator in _BREAKS:
            found = text.rfind(separator, start + limit // 2, start + limit)
            if found >= 0:
                cut = found + len(separator)
                break
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _piece(article: Article, start: int, end: int) -> Article:
    """The part [start, end) of `article` as an article of its own (offsets from `start`)."""
    return Article(
        path=article.path, sha256=article.sha256, text=article.text[start:end],
        encoding=article.encoding, story=article.story,
        boilerplate=[(max(s, start) - start, min(e, end) - start)
                     for s, e in article.boilerplate if s < end and start < e],
    )


def _shift_into(whole: ArticleResult, part: ArticleResult, offset: int, lines: int) -> None:
    """Add a piece's results to its article's, offsets and lines moved from the piece's
    coordinates into the article's (`lines`: line breaks before the piece). Ids depend on
    offsets, so they are made again."""
    article = whole.article
    article.errors.extend(part.article.errors)
    ids = {}
    for c in part.claims:
        c.start, c.end = c.start + offset, c.end + offset
        c.sentence_start, c.sentence_end = c.sentence_start + offset, c.sentence_end + offset
        if c.holder is not None:
            c.holder.start, c.holder.end = c.holder.start + offset, c.holder.end + offset
        c.line += lines
        ids[c.id] = c.id = claim_id(article.path, c.start, c.end)
    for c in part.claims:
        c.same_as = ids.get(c.same_as, c.same_as) if c.same_as is not None else None
    for m in part.mentions:
        m.start, m.end = m.start + offset, m.end + offset
    for q in part.quotes:
        q.start, q.end = q.start + offset, q.end + offset
        if q.speaker_start is not None and q.speaker_end is not None:
            q.speaker_start, q.speaker_end = q.speaker_start + offset, q.speaker_end + offset
        q.line += lines
        q.id = quote_id(article.path, q.start, q.end)
    whole.claims.extend(part.claims)
    whole.mentions.extend(part.mentions)
    whole.quotes.extend(part.quotes)


def _parse(first: Article, rest: Iterator[Article], nlp: Language,
           without_pipeline: Callable[[Article], ArticleResult | None], cache: Cache | None,
           batch_size: int, n_process: int) -> Iterator[ArticleResult]:
    """Run the pipeline over `first` and whatever of `rest` needs it; pass the others through."""
    # For the project's own components (spaCy's Cython pipes cannot take a handler and keep
    # raising): a bug that one article triggers fails that article only.
    nlp.default_error_handler = _record_failure
    passed: deque[ArticleResult] = deque()
    # What each text handed to the pipeline is, in order (results come back in that order): None
    # for a whole article; (article, offset, pieces still to come) for a piece of a long one.
    slots: deque[tuple[Article, int, int] | None] = deque()

    def texts() -> Iterator[tuple[str, Article]]:
        for a in chain([first], rest):
            early = None if a is first else without_pipeline(a)
            if early is not None:
                passed.append(early)
                continue
            masked = masked_text(a)
            if len(a.text) <= nlp.max_length:
                slots.append(None)
                yield masked, a
                continue
            spans = [(start, end) for start, end in
                     split_points(masked, min(nlp.max_length, PIECE_CHARS))
                     if masked[start:end].strip()]
            a.warnings.append(
                f"{a.path}: {len(a.text):,} characters, above the pipeline's max_length of "
                f"{nlp.max_length:,}; parsed in {len(spans)} pieces split at paragraph breaks"
            )
            if not spans:  # nothing but page furniture
                passed.append(ArticleResult(a))
            for i, (start, end) in enumerate(spans):
                slots.append((a, start, len(spans) - 1 - i))
                yield masked[start:end], _piece(a, start, end)

    if n_process > 1:
        results = _parse_forked(nlp, (article for _, article in texts()), n_process, batch_size)
    else:
        results = _pipe(nlp, texts(), batch_size)
    whole: ArticleResult | None = None
    for result in results:
        slot = slots.popleft()
        if slot is not None:
            article, offset, still_to_come = slot
            whole = whole or ArticleResult(article)
            _shift_into(whole, result, offset, article.text.count("\n", 0, offset))
            if still_to_come:
                continue
            result, whole = whole, None
            if article.errors:  # a piece failed: the article failed, as a whole
                result = ArticleResult(article)
        while passed:
            yield passed.popleft()
        if cache is not None:
            cache.put(result)
        yield result
    while passed:
        yield passed.popleft()


def _parse_forked(nlp: Language, articles: Iterator[Article], workers: int,
                  batch_size: int) -> Iterator[ArticleResult]:
    """Parse in `workers` processes forked after the pipeline is loaded, so they share its memory
    and none loads it again. Batches stream to them; results come back in order as plain
    dataclasses, never as Docs. (The pool's feeder may read ahead, holding article texts only.)"""
    global _WORKER_NLP
    _WORKER_NLP = nlp
    nlp("It weighed 2 kilograms.")  # load quantulum3's tables once, before forking
    context = multiprocessing.get_context("fork")
    size = min(batch_size, WORKER_BATCH)
    batches = iter(lambda: list(islice(articles, size)), [])
    # What exists now is shared with the workers copy-on-write; kept out of the collector's
    # sight, it is not copied into each worker by the first collection that walks it.
    gc.freeze()
    try:
        with context.Pool(workers) as pool:
            for results in pool.imap(_parse_batch_in_worker, batches):
                yield from results
    finally:
        gc.unfreeze()
        _WORKER_NLP = None


def _result_from_doc(doc: Doc, article: Article) -> ArticleResult:
    mentions = list(doc._.mentions or [])
    for m in mentions:
        m.article = article.path
    quotes = list(doc._.quotes or [])
    for q in quotes:
        q.article = article.path
        q.id = quote_id(article.path, q.start, q.end)
    return ArticleResult(article, claims_from_doc(doc, article), mentions, quotes)


def read_corpus(paths: Sequence[Path]) -> tuple[int, Iterator[Article]]:
    """How many articles there are under `paths`, and the articles in sorted order.

    Broken paths come as Articles with errors; reading is lazy, so a large corpus streams.
    Raises reading.UsageError for a path that does not exist or holds no articles.
    """
    sources, broken = discover(paths)
    return len(sources) + len(broken), _read(sources, broken)


def _read(sources: list, broken: list[Article]) -> Iterator[Article]:
    rules = BoilerplateRules.load()
    seen: dict[str, str] = {}
    yield from broken
    for source in sources:
        article = read_article(source, rules)
        if not article.errors and article.sha256 in seen:
            article.duplicate_of = seen[article.sha256]
            article.warnings.append(f"{article.path}: same bytes as {article.duplicate_of}; "
                                    "counted once")
        elif not article.errors:
            seen[article.sha256] = article.path
        yield article


def extract_corpus(paths: Sequence[Path], pipeline: Pipeline, *,
                   progress: Progress | None = None, n_process: int = 1,
                   rates: Rates | None = None, cache: Cache | None = None) -> Result:
    """Read, extract and merge a whole corpus: the library entry point behind `claims extract`.

    `pipeline` is a loaded spaCy pipeline or a function that loads one when first needed.
    """

    total, articles = read_corpus(paths)
    if progress is not None:
        progress.start(total)

    # A run's memory is the pipeline's working set while it parses (a memory zone's Vocab
    # entries, caches and Docs) and then the corpus's results, while they are reconciled. So
    # each finished result waits pickled, at about 40 % of its size as objects, and is rebuilt
    # once the pipeline has let go of its memory.
    packed = []
    for r in extract_articles(articles, pipeline, cache=cache, n_process=n_process):
        if progress is not None:
            progress.advance(r.article)
        packed.append(pickle.dumps(r, pickle.HIGHEST_PROTOCOL))
    return assemble(_unpacked(packed), rates)


def _unpacked(packed: list[bytes]) -> Iterator[ArticleResult]:
    """The results `packed` holds, in order, each let go of as it is rebuilt."""
    for i, blob in enumerate(packed):
        packed[i] = b""
        yield pickle.loads(blob)
