"""Timings of the geocode stage: ``python -m marsad.geocode.bench [--rebuild]``.

Measures, on this machine:

* the first build of the index (with ``--rebuild``: into a fresh temporary cache folder),
* the warm load of ``Gazetteer.default()`` in a fresh process (index from the cache),
* lookups per second on 10,000 distinct names (exact Arabic, exact Latin and misspelt ones, the
  gazetteer's own lookup cache cleared first),
* ``find_places`` per article on the seed article (``shared/seed``) when it is there, else on a
  built-in Arabic paragraph,
* the memory (RSS) of a fresh process before and after loading the gazetteer.

Speed is measured here, not asserted in tests (DEVELOPERS.md).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.text.normalize import normalize

SAMPLE_AR = (
    "هاجم مسلحون قرية تاكاباراتين قرب ميناكا، فيما اشتدت المعارك غرب ولاية ميناكا شمال مالي. "
    "وقالت جماعة نصرة الإسلام إنها شنت هجوما في منطقتي أماكرا وأينيكر، وقرب بلدة أغزراغن. "
) * 8


def _warm_load() -> tuple[float, float, float]:
    """(seconds to load, RSS in MB before, RSS in MB after) of a fresh process (Linux /proc)."""
    code = (
        "import time,re;from marsad.text.normalize import normalize;import marsad.models\n"
        "def rss():\n"
        "    s=open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)',s).group(1))/1024\n"
        "r0=rss();t=time.perf_counter();from marsad.geocode import Gazetteer\n"
        "Gazetteer.default();dt=time.perf_counter()-t\n"
        "print(dt, r0, rss())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    dt, r0, r1 = out.stdout.strip().splitlines()[-1].split()
    return float(dt), float(r0), float(r1)


def _names(gz: object, n: int) -> list[str]:
    from marsad.geocode.gazetteer import Gazetteer

    assert isinstance(gz, Gazetteer)
    rng = random.Random(7)
    ar = sorted(gz.ix.exact_ar)
    lat = sorted(gz.ix.exact_lat)
    names: list[str] = []
    for i in range(n):
        src = ar if i % 2 else lat
        name = rng.choice(src)
        if i % 5 == 0 and len(name) > 4:  # a misspelling: drop or double one letter
            k = rng.randrange(1, len(name) - 1)
            name = name[:k] + name[k + 1:] if i % 10 == 0 else name[:k] + name[k] + name[k:]
        names.append(name)
    return names


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rebuild", action="store_true", help="also time a first build in a fresh cache")
    args = ap.parse_args(argv)

    from marsad.geocode.gazetteer import Gazetteer

    if args.rebuild:
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            Gazetteer.load(cache_dir=d)
            print(f"first build (fresh cache):  {time.perf_counter() - t:6.2f} s")
    gz = Gazetteer.default()
    dt, r0, r1 = _warm_load()
    print(f"warm load (new process):    {dt:6.3f} s  (RSS {r0:.0f} MB before, {r1:.0f} MB after)")
    print(f"places in the index:        {len(gz.ix.places):6d}")

    names = _names(gz, 10_000)
    gz._cache.clear()
    t = time.perf_counter()
    found = sum(1 for name in names if gz.lookup(name, limit=3))
    dt = time.perf_counter() - t
    print(f"10,000 lookups (uncached):  {dt:6.3f} s  ({len(names) / dt:,.0f}/s, {found} found)")
    t = time.perf_counter()
    for name in names:
        gz.lookup(name, limit=3)
    dt = time.perf_counter() - t
    print(f"10,000 lookups (cached):    {dt:6.3f} s")

    seed = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_b281ad9146f457d5.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else SAMPLE_AR
    nt = normalize(text)
    gz.find_places(nt, "Mali")
    t = time.perf_counter()
    runs = 300
    for _ in range(runs):
        gz.find_places(nt, "Mali")
    per = (time.perf_counter() - t) / runs
    print(f"find_places per article:    {per * 1000:6.3f} ms  ({len(text)} characters)")


if __name__ == "__main__":
    main()
