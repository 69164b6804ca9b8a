"""API latency: ``GET /events`` with filters, under 50 concurrent clients, on a store of 100,000+ events.

1. Builds a store in a temporary folder: ``marsad ingest samples/`` codes the sample articles,
   then copies of their events are bulk-inserted (SQLAlchemy Core ``executemany``, one
   transaction) with dates spread over three years (2022–2024), countries drawn from ten and
   coordinates jittered around each country's centre. The copies carry no sources or claims:
   ``GET /events`` reads the ``events`` table only.
2. Starts ``marsad serve --db … --host 127.0.0.1 --port <free port>`` in a subprocess.
3. Loads it from loopback only, for a fixed time: ``wrk`` (Debian's; a Lua script cycles through
   the filtered URLs) when it is installed, else an asyncio + httpx client. Every URL has
   ``limit=50`` and a mix of filters: country, date range, event_type, bbox, actor.
4. Stops the server and prints the figures as JSON: p50/p90/p99/max latency, requests per second,
   and who used the CPUs meanwhile (the server, the load generator, any other process: Linux's
   ``/proc``), since on a shared machine another process's work shows up as latency.

    python benchmarks/bench_api.py [--events 100000] [--connections 50] [--duration 20] [--workers 1]
                                   [--urls 600] [--cold] [--client auto|wrk|httpx]

``--workers N`` runs ``marsad serve --workers N``. The server keeps the totals it counted, per
filters and store version (:class:`marsad.serve.data.CountCache`); the check in step 3 asks every
URL once, so by default the load reuses them all. ``--cold`` restarts the server after the check
and, with ``--urls`` at least the number of requests the run makes (e.g. ``--urls 40000``), no URL
comes twice: every request counts its matches afresh.

Run by hand; the figures go in benchmarks/README.md. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: (country, ISO 3166 numeric, alpha-3, centre latitude, centre longitude, jitter in degrees)
COUNTRIES = [
    ("Mali", 466, "MLI", 16.5, -2.0, 4.0), ("Niger", 562, "NER", 16.0, 8.0, 4.0),
    ("Burkina Faso", 854, "BFA", 12.3, -1.6, 2.0), ("Nigeria", 566, "NGA", 9.1, 8.7, 3.0),
    ("Chad", 148, "TCD", 15.0, 18.7, 4.0), ("Somalia", 706, "SOM", 5.2, 46.2, 3.0),
    ("Syria", 760, "SYR", 35.0, 38.5, 1.5), ("Iraq", 368, "IRQ", 33.2, 43.7, 2.0),
    ("Libya", 434, "LBY", 27.0, 17.2, 4.0), ("Sudan", 729, "SDN", 15.5, 30.2, 4.0),
]  # fmt: skip

START, DAYS = dt.date(2022, 1, 1), 3 * 365

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local out = string.format('{"requests": %%d, "duration_us": %%d, "errors_status": %%d, "errors_connect": %%d, '
    .. '"errors_read": %%d, "errors_write": %%d, "errors_timeout": %%d, "p50_us": %%d, "p90_us": %%d, '
    .. '"p99_us": %%d, "max_us": %%d, "mean_us": %%f}',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean)
  io.write("WRK-JSON " .. out .. "\\n")
end
"""


# ---------------------------------------------------------------- the store


def build_store(folder: Path, n_events: int, seed: int) -> dict:
    """Code the samples into ``folder/bench.db``, then bulk-insert copies until there are ``n_events``."""
    import sqlalchemy as sa

    from marsad.store.database import create_engine_for, database_url
    from marsad.store.schema import EventRow

    db = folder / "bench.db"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "marsad", "ingest", str(ROOT / "samples"), "--db", str(db)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    t_ingest = time.perf_counter() - t0
    engine = create_engine_for(database_url(str(db)))
    table = EventRow.__table__
    rng = random.Random(seed)
    t1 = time.perf_counter()
    with engine.begin() as conn:
        base = [dict(r._mapping) for r in conn.execute(sa.select(table))]
        if not base:
            raise SystemExit("bench_api: coding the samples gave no event")
        next_id = max(r["id"] for r in base) + 1
        want = n_events - len(base)
        batch: list[dict] = []
        for k in range(want):
            row = dict(base[k % len(base)])
            country, iso, a3, lat, lon, spread = rng.choice(COUNTRIES)
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            row.update(id=next_id + k, event_id_cnty=f"{a3}{next_id + k}", event_date=day, year=day.year,
                       country=country, iso=iso, admin1=f"{country} region {rng.randrange(8) + 1}",
                       location=f"{row['location']} {k % 997}",
                       latitude=round(lat + rng.uniform(-spread, spread), 5),
                       longitude=round(lon + rng.uniform(-spread, spread), 5),
                       fatalities=rng.randrange(0, 40))
            row["fatalities_low"] = min(row["fatalities_low"], row["fatalities"])
            row["fatalities_high"] = max(row["fatalities_high"], row["fatalities"])
            batch.append(row)
            if len(batch) == 10_000:
                conn.execute(sa.insert(table), batch)
                batch = []
        if batch:
            conn.execute(sa.insert(table), batch)
        total = conn.scalar(sa.select(sa.func.count()).select_from(table))
        kinds = sorted({(r["event_type"], r["actor1"], r["actor2"]) for r in base}, key=str)
    engine.dispose()
    return {"db": str(db), "events": total, "sample_events": len(base), "ingest_s": round(t_ingest, 2),
            "bulk_insert_s": round(time.perf_counter() - t1, 2), "db_mb": round(db.stat().st_size / 1e6, 1),
            "kinds": kinds}


def urls(kinds: list[tuple], n: int, seed: int) -> list[str]:
    """``n`` filtered ``GET /events`` paths (``limit=50``), a mix of the filters."""
    rng = random.Random(seed)
    types = sorted({k[0] for k in kinds})
    actors = sorted({a.split(":")[0].split("(")[0].strip() for k in kinds for a in k[1:] if a})
    out = []
    for i in range(n):
        country, _, _, lat, lon, spread = rng.choice(COUNTRIES)
        d0 = START + dt.timedelta(days=rng.randrange(DAYS - 120))
        d1 = d0 + dt.timedelta(days=rng.choice((7, 30, 90)))
        kind = i % 6
        p: dict[str, str] = {}
        if kind == 0:    # a country and a date range
            p = {"country": country, "date_from": d0.isoformat(), "date_to": d1.isoformat()}
        elif kind == 1:  # an event type in a country
            p = {"country": country, "event_type": rng.choice(types)}
        elif kind == 2:  # a bounding box and a date range
            box = (lon - spread / 2, lat - spread / 2, lon + spread / 2, lat + spread / 2)
            p = {"bbox": ",".join(f"{v:.2f}" for v in box), "date_from": d0.isoformat(), "date_to": d1.isoformat()}
        elif kind == 3:  # an actor and a date range
            p = {"actor": rng.choice(actors), "date_from": d0.isoformat(), "date_to": d1.isoformat()}
        elif kind == 4:  # an event type and a date range
            p = {"event_type": rng.choice(types), "date_from": d0.isoformat(), "date_to": d1.isoformat()}
        else:            # everything together
            box = (lon - spread, lat - spread, lon + spread, lat + spread)
            p = {"country": country, "event_type": rng.choice(types), "actor": rng.choice(actors),
                 "bbox": ",".join(f"{v:.2f}" for v in box), "date_from": d0.isoformat(),
                 "date_to": (d0 + dt.timedelta(days=365)).isoformat()}
        p["limit"] = "50"
        out.append("/events?" + urllib.parse.urlencode(p))
    return out


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int = 1) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "marsad", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:  # (so that the bench also runs against a Marsad from before --workers)
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench_api: the server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/events?limit=1", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("bench_api: the server did not answer within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_urls(port: int, paths: list[str]) -> dict:
    """Every path once, one at a time: all must answer 200; their totals and serial latencies (a
    first request for its filters: nothing cached)."""
    totals, times = [], []
    for path in paths:
        t0 = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            body = json.loads(r.read())
        times.append((time.perf_counter() - t0) * 1000)
        totals.append(body["total"])
    times.sort()
    return {"urls": len(paths), "median_total_matched": sorted(totals)[len(totals) // 2],
            "max_total_matched": max(totals), "serial_p50_ms": round(times[len(times) // 2], 2),
            "serial_max_ms": round(times[-1], 2)}


# ---------------------------------------------------------------- who used the CPUs


def _machine_busy_s() -> float:
    """CPU seconds the machine has spent busy since boot, all CPUs (``/proc/stat``; Linux)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def _tree_cpu_s(root: int) -> float:
    """CPU seconds used so far by a process and its descendants (the server and its workers)."""
    stats = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                raw = (d / "stat").read_text()
            except OSError:
                continue
            rest = raw[raw.rindex(")") + 2:].split()
            stats[int(d.name)] = (int(rest[1]), (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK"))
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, (ppid, _) in stats.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(stats[p][1] for p in tree if p in stats)


class CpuShare:
    """Where the CPU time went during the load: the server (with its workers), the load generator
    (this process and its children, i.e. wrk), and everything else on the machine — on a shared
    machine the last must be near zero for the figures to mean anything."""

    def __init__(self, server_pid: int) -> None:
        self.pid = server_pid

    def __enter__(self) -> CpuShare:
        self.t0, self.busy0, self.server0 = time.perf_counter(), _machine_busy_s(), _tree_cpu_s(self.pid)
        r, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        self.client0 = r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self.t0
        r, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        busy = _machine_busy_s() - self.busy0
        server = _tree_cpu_s(self.pid) - self.server0
        client = r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime - self.client0
        other = max(0.0, busy - server - client)
        cpus = os.cpu_count() or 1
        self.result = {"wall_s": round(wall, 1), "server_cpu_pct": round(100 * server / (wall * cpus), 1),
                       "load_generator_cpu_pct": round(100 * client / (wall * cpus), 1),
                       "other_processes_cpu_pct": round(100 * other / (wall * cpus), 1),
                       "idle_pct": round(100 * max(0.0, 1 - busy / (wall * cpus)), 1)}


# ---------------------------------------------------------------- load generators


def run_wrk(port: int, paths: list[str], connections: int, duration: int, threads: int, folder: Path) -> dict:
    script = folder / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(script),
           f"http://127.0.0.1:{port}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("WRK-JSON "))
    w = json.loads(line[len("WRK-JSON "):])
    errors = sum(w[k] for k in w if k.startswith("errors_"))
    return {"client": f"wrk ({threads} threads)", "requests": w["requests"], "errors": errors,
            "requests_per_s": round(w["requests"] / (w["duration_us"] / 1e6), 1),
            "p50_ms": w["p50_us"] / 1000, "p90_ms": w["p90_us"] / 1000, "p99_ms": w["p99_us"] / 1000,
            "max_ms": w["max_us"] / 1000, "mean_ms": round(w["mean_us"] / 1000, 2)}


async def _httpx_load(port: int, paths: list[str], connections: int, duration: int) -> dict:
    import httpx

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    latencies: list[float] = []
    errors = 0
    counter = 0
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=10) as client:
        stop = time.perf_counter() + duration

        async def worker() -> None:
            nonlocal errors, counter
            while time.perf_counter() < stop:
                path = paths[counter % len(paths)]
                counter += 1
                t0 = time.perf_counter()
                try:
                    r = await client.get(path)
                    await r.aread()
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append((time.perf_counter() - t0) * 1000)
                errors += not ok

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - t0
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 2)

    return {"client": "httpx (asyncio)", "requests": len(latencies), "errors": errors,
            "requests_per_s": round(len(latencies) / elapsed, 1), "p50_ms": pct(50), "p90_ms": pct(90),
            "p99_ms": pct(99), "max_ms": round(latencies[-1], 2),
            "mean_ms": round(sum(latencies) / len(latencies), 2)}


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000, help="events in the store (at least)")
    ap.add_argument("--connections", type=int, default=50, help="concurrent clients")
    ap.add_argument("--duration", type=int, default=20, help="seconds of load (at most 300)")
    ap.add_argument("--threads", type=int, default=1, help="wrk threads")
    ap.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto")
    ap.add_argument("--urls", type=int, default=600, help="distinct filtered URLs to cycle through")
    ap.add_argument("--workers", type=int, default=1, help="marsad serve --workers")
    ap.add_argument("--cold", action="store_true", help="restart the server after the check: no count cached")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="also copy the built store here")
    args = ap.parse_args(argv)
    duration = max(1, min(args.duration, 300))
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "httpx"
    with tempfile.TemporaryDirectory(prefix="marsad-bench-api-") as tmp:
        folder = Path(tmp)
        store = build_store(folder, args.events, args.seed)
        if args.keep:
            shutil.copy(store["db"], args.keep)
        paths = urls(store.pop("kinds"), args.urls, args.seed)
        port = free_port()
        proc = start_server(store["db"], port, args.workers)
        try:
            serial = check_urls(port, paths[:2000])
            if args.cold:
                stop_server(proc)
                proc = start_server(store["db"], port, args.workers)
            with CpuShare(proc.pid) as cpu:
                if client == "wrk":
                    load = run_wrk(port, paths, args.connections, duration, args.threads, folder)
                else:
                    load = asyncio.run(_httpx_load(port, paths, args.connections, duration))
        finally:
            stop_server(proc)
    result = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                          "note": "load generator and server share the CPUs"},
              "store": {k: v for k, v in store.items() if k != "db"},
              "endpoint": "GET /events (filters: country, date range, event_type, bbox, actor; limit=50)",
              "workers": args.workers, "urls": len(paths), "count_cache": "cold" if args.cold else "warm",
              "connections": args.connections, "duration_s": duration, "checks": serial, "load": load,
              "cpu": cpu.result,
              "target_p99_ms": 100, "target_met": load["p99_ms"] < 100 and load["errors"] == 0}
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
