"""Throughput of the Arabic coder on one core.

Builds a corpus of at least 2,000 Arabic articles from the development gold texts (each text is
reused with its paragraphs rotated and a counter line, so no two articles are identical), codes it
in this process, and reports start-up time, articles per second and peak memory.

    python benchmarks/bench_coder.py [--articles 2000] [--language ar]

Run by hand; the figures go in benchmarks/README.md. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gold_texts(language: str) -> list[dict]:
    docs = []
    for f in sorted((ROOT / "tests" / "gold").rglob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        if "text" in d and d.get("language", "ar") == language:
            docs.append(d)
    return docs


def corpus(language: str, n: int) -> list[dict]:
    base = gold_texts(language)
    if not base:
        sys.exit(f"no gold texts for language {language!r}")
    out = []
    i = 0
    while len(out) < n:
        d = base[i % len(base)]
        paras = d["text"].split("\n\n")
        k = (i // len(base)) % max(1, len(paras))
        rotated = paras[k:] + paras[:k] if k else paras
        source = d.get("source") or {}
        out.append({"id": f"{d['id']}-{i}", "text": "\n\n".join(rotated) + f"\n\n{i}", "language": language,
                    "outlet": source.get("outlet"), "publication_date": source.get("publication_date")})
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--language", default="ar")
    a = ap.parse_args()
    docs = corpus(a.language, a.articles)
    t0 = time.perf_counter()
    import datetime as dt

    from marsad.actors import ActorCatalogue
    from marsad.geocode import Gazetteer
    from marsad.models import Article
    from marsad.pipeline import code

    ActorCatalogue.default()
    Gazetteer.default()
    code(Article(id="warm", text=docs[0]["text"], language=a.language))
    startup = time.perf_counter() - t0
    words = sum(len(d["text"].split()) for d in docs)
    t1 = time.perf_counter()
    events = 0
    for d in docs:
        pub = dt.date.fromisoformat(d["publication_date"]) if d["publication_date"] else None
        events += len(code(Article(id=d["id"], text=d["text"], publication_date=pub, language=a.language)).events)
    elapsed = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "language": a.language,
        "articles": len(docs),
        "words": words,
        "events": events,
        "startup_s": round(startup, 3),
        "coding_s": round(elapsed, 3),
        "articles_per_s": round(len(docs) / elapsed, 1),
        "words_per_s": round(words / elapsed),
        "peak_rss_mb": round(peak_mb, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
