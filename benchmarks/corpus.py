"""Build benchmark corpora of varied real news text (never copies of one file)."""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NEWSQUANT = ROOT.parent / "shared" / "benchmarks" / "newsquant"


def news_sentences(newsquant: Path = DEFAULT_NEWSQUANT) -> list[str]:
    """Real news sentences: NewsQuant's test set plus the paragraphs of the bundled corpus."""
    sentences = []
    data = json.loads((newsquant / "formatted_test_set" / "NewsQuant.json").read_text())
    records = data if isinstance(data, list) else list(data.values())
    sentences += [r["text"].strip() for r in records if r.get("text", "").strip()]
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        sentences += [line.strip() for line in lines if len(line) > 80]
    return sentences


def build_corpus(target: Path, n: int, *, seed: int = 0, per_article: int = 12,
                 per_story: int = 10, newsquant: Path = DEFAULT_NEWSQUANT) -> list[Path]:
    """`n` articles of `per_article` sentences each, drawn without pattern from real news text,
    grouped `per_story` to a folder. Deterministic for a seed."""
    rng = random.Random(seed)
    pool = news_sentences(newsquant)
    files = []
    for i in range(n):
        story = target / f"story-{i // per_story:04d}"
        story.mkdir(parents=True, exist_ok=True)
        chosen = rng.sample(pool, per_article)
        paragraphs = [" ".join(chosen[k : k + 3]) for k in range(0, per_article, 3)]
        path = story / f"article-{i:05d}.txt"
        text = f"Headline number {i}\n\n" + "\n\n".join(paragraphs) + "\n"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files
