"""Load on the review app: concurrent GET /api/events on a synthetic 20,000-event store.

    .venv/bin/python benchmarks/serve_load.py [--events 20000] [--clients 200]
        [--requests 5] [--keep DB]

Builds a store of synthetic event records through the store API (no coding:
fixed texts, events spread over 40 countries, 6 ACLED types and two years),
links it as `newscoder run` does, then starts `newscoder serve` in its own
process on a free localhost port and runs two rounds against it from this
process: a burst (every client sends one request at the same moment) and a
sustained round (each client sends ``--requests`` requests back to back over a
kept-alive connection). Queries vary: the first page, filters by country and
type, later pages, a sort by fatalities, the report view and a word search.
Prints latency percentiles and failures; every request must answer 200.
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = [
    ("NG", "Nigeria", 9.1, 8.7), ("SY", "Syria", 35.0, 38.5), ("IQ", "Iraq", 33.2, 43.7),
    ("AF", "Afghanistan", 34.5, 69.2), ("PK", "Pakistan", 30.4, 69.3), ("ML", "Mali", 17.6, -4.0),
    ("BF", "Burkina Faso", 12.2, -1.6), ("SO", "Somalia", 5.2, 46.2), ("SD", "Sudan", 15.5, 32.5),
    ("YE", "Yemen", 15.6, 48.5), ("UA", "Ukraine", 48.4, 31.2), ("MM", "Myanmar", 21.9, 95.9),
    ("CD", "DR Congo", -4.0, 21.8), ("ET", "Ethiopia", 9.1, 40.5), ("IN", "India", 21.0, 78.0),
    ("BD", "Bangladesh", 23.7, 90.4), ("CO", "Colombia", 4.6, -74.1),
    ("MX", "Mexico", 23.6, -102.5), ("BR", "Brazil", -14.2, -51.9),
    ("PH", "Philippines", 12.9, 121.8),
    ("KE", "Kenya", -0.0, 37.9), ("CM", "Cameroon", 7.4, 12.4), ("NE", "Niger", 17.6, 8.1),
    ("TD", "Chad", 15.5, 18.7), ("LY", "Libya", 26.3, 17.2), ("EG", "Egypt", 26.8, 30.8),
    ("TR", "Turkey", 39.0, 35.2), ("IR", "Iran", 32.4, 53.7), ("LB", "Lebanon", 33.9, 35.9),
    ("IL", "Israel", 31.0, 34.9), ("MZ", "Mozambique", -18.7, 35.5), ("BJ", "Benin", 9.3, 2.3),
    ("HT", "Haiti", 18.97, -72.3), ("VE", "Venezuela", 6.4, -66.6), ("PE", "Peru", -9.2, -75.0),
    ("TH", "Thailand", 15.9, 100.9), ("ID", "Indonesia", -0.8, 113.9),
    ("LK", "Sri Lanka", 7.9, 80.8), ("NP", "Nepal", 28.4, 84.1), ("GH", "Ghana", 7.9, -1.0),
]  # fmt: skip
TYPES = [
    ("Battles", "Armed clash", "ASSAULT", "State forces", "Rebel group"),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "State forces", "Civilians"),
    ("Violence against civilians", "Attack", "ASSAULT", "Political militia", "Civilians"),
    ("Protests", "Peaceful protest", "PROTEST", "Protesters", None),
    ("Riots", "Violent demonstration", "PROTEST", "Rioters", None),
    ("Strategic developments", "Arrests", "COERCE", "State forces", "Civilians"),
    (None, None, "ACCUSE", "State forces", None),
]
# One of these words per text, so that a word search matches about 1 article in 25.
PLACES = (
    "checkpoint", "market", "convoy", "bridge", "school", "clinic", "mosque", "church",
    "barracks", "farm", "village", "camp", "port", "airport", "prison", "mine", "station",
    "border post", "court", "depot", "office", "hotel", "bank", "garage", "warehouse",
)  # fmt: skip
TEXT = (
    "Fighters attacked a {place} near the town on the morning of the market day, "
    "killing several guards, officials said. Residents reported heavy gunfire. {n}"
)
TYPE_NAMES = ("Battles", "Protests", "Riots", "Strategic%20developments", "ACCUSE", "none",
              "Explosions/Remote%20violence", "Violence%20against%20civilians")  # fmt: skip


def query(rng: random.Random) -> str:
    """One /api/events query of a mix an analyst team might send: first pages of the
    common filters, deep pages, sorts, date ranges, the report view and word searches.
    Most are different from each other, so the server's answer cache rarely helps."""
    code = rng.choice(COUNTRIES)[0]
    month = rng.randrange(1, 13)
    pick = rng.randrange(10)
    if pick == 0:
        return ""
    if pick == 1:
        return f"country={code}"
    if pick == 2:
        return f"type={rng.choice(TYPE_NAMES)}&offset={50 * rng.randrange(20)}"
    if pick == 3:
        return f"country={code}&type={rng.choice(TYPE_NAMES)}"
    if pick == 4:
        return f"offset={50 * rng.randrange(100)}"
    if pick == 5:
        return f"sort=-fatalities&offset={50 * rng.randrange(100)}"
    if pick == 6:
        return f"since=2024-{month:02d}-01&until=2024-{month:02d}-28&offset={50 * rng.randrange(4)}"
    if pick == 7:
        return f"view=reports&country={code}&offset={50 * rng.randrange(5)}"
    if pick == 8:
        return f"q={rng.choice(PLACES).split()[0]}&offset={50 * rng.randrange(4)}"
    return f"status=unreviewed&limit=100&offset={100 * rng.randrange(20)}"


def build_store(path: Path, n_events: int, seed: int = 13) -> dict[str, float]:
    """``n_events`` event reports, two per article, then linked; returns timings."""
    from newscoder.link import link_store
    from newscoder.store import Store

    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    began = time.perf_counter()

    def records():
        for a in range(n_events // 2):
            text = TEXT.format(place=rng.choice(PLACES), n=a)
            events = []
            for k in range(2):
                code, country, lat, lon = rng.choice(COUNTRIES)
                acled, sub, plover, t1, t2 = rng.choice(TYPES)
                day = start + dt.timedelta(days=rng.randrange(730))
                violent = acled in (
                    "Battles",
                    "Explosions/Remote violence",
                    "Violence against civilians",
                )
                events.append({
                    "id": f"syn-{a}:e{k + 1}",
                    "plover": {"type": plover, "mode": None},
                    "acled": {"event_type": acled, "sub_event_type": sub},
                    "date": {"value": day.isoformat(), "precision": "day", "text": None},
                    "location": {"name": f"Town {rng.randrange(300)}",
                                 "admin1": f"Region {rng.randrange(12)}",
                                 "country": country, "country_code": code,
                                 "lat": round(lat + rng.uniform(-2, 2), 4),
                                 "lon": round(lon + rng.uniform(-2, 2), 4), "geo_precision": 1},
                    "actor1": {"name": f"{t1} ({country})", "type": t1, "country_code": code},
                    "actor2": (
                        {"name": f"{t2} ({country})", "type": t2, "country_code": code}
                        if t2 else None
                    ),
                    "fatalities": rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 30]) if violent else None,
                    "injuries": None, "arrests": None, "status": "occurred", "background": False,
                    "confidence": 0.8, "evidence": [{"start": 0, "end": 77}],
                })  # fmt: skip
            record = {
                "id": f"syn-{a}",
                "article": {"title": f"Report {a}", "published": events[0]["date"]["value"],
                            "source": f"Agency {a % 7}"},
                "events": events, "quotes": [], "entities": [], "warnings": [],
            }  # fmt: skip
            yield record, text

    with Store(path) as store:
        store.upsert_many(records(), batch_size=1000)
        stored = time.perf_counter()
        summary = link_store(store)
    return {
        "store_s": stored - began,
        "link_s": time.perf_counter() - stored,
        "linked_events": summary.linked_events,
    }


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and its children (uvicorn's workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1] is the parent
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def first_page(rng: random.Random) -> str:
    """The first page of a common filter: what most of a team asks for most often."""
    pick = rng.randrange(3)
    if pick == 0:
        return ""
    if pick == 1:
        return f"country={rng.choice(COUNTRIES[:10])[0]}"
    return f"type={rng.choice(TYPE_NAMES)}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _get(reader, writer, path: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
        if name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        body = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            body += size
            if size == 0:
                break
        return status, body
    await reader.readexactly(length)
    return status, length


async def _client(port: int, paths: list[str], start: asyncio.Event, out: list) -> None:  # type: ignore[type-arg]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await start.wait()
    try:
        for path in paths:
            began = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(_get(reader, writer, path), timeout=30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                out.append((time.perf_counter() - began, f"error: {type(exc).__name__}"))
                return
            out.append((time.perf_counter() - began, status))
    finally:
        writer.close()


async def _round(  # type: ignore[no-untyped-def]
    port: int, clients: int, per_client: int, seed: int, make=None
) -> tuple[list, float]:  # type: ignore[type-arg]
    make = make or query
    rng = random.Random(seed)
    start = asyncio.Event()
    results: list = []  # type: ignore[type-arg]
    tasks = [
        asyncio.create_task(
            _client(
                port,
                [f"/api/events?{make(rng)}" for _ in range(per_client)],
                start,
                results,
            )
        )
        for _ in range(clients)
    ]
    await asyncio.sleep(0.5)  # every connection open before the start signal
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return results, time.perf_counter() - began


def _summary(name: str, results: list, seconds: float) -> dict[str, object]:  # type: ignore[type-arg]
    latencies = sorted(ms for ms, _ in results)
    failed = [s for _, s in results if s != 200]

    def pct(p: float) -> float:
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    return {
        "round": name,
        "requests": len(results),
        "failed": len(failed),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "max_ms": round(1000 * latencies[-1], 1),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1),
        "req_per_s": round(len(results) / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=5, help="per client, sustained round")
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the store at this path")
    parser.add_argument("--workers", type=int, default=1, help="newscoder serve --workers")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "load.sqlite"
        built: dict[str, float] = {}
        if not db.exists():
            built = build_store(db, args.events)
            print(
                f"built {args.events} events in {built['store_s']:.1f} s, linked into "
                f"{built['linked_events']:.0f} in {built['link_s']:.1f} s",
                file=sys.stderr,
            )
        token = Path(tmp) / "token"
        token.write_text("load-test-token-0123456789abcdef")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "newscoder", "serve", "--db", str(db), "--port", str(port),
             "--token-file", str(token), "--workers", str(args.workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ},
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            # Warm-up: first-use costs and the OS page cache, not the answer cache
            # (other seeds draw other queries).
            asyncio.run(_round(port, 20, 2, seed=1))
            rows = []
            rounds = [
                (f"burst: {args.clients} at once", 1, 2, query),
                (f"sustained: {args.clients} clients x {args.requests}", args.requests, 3, query),
                (f"first pages: {args.clients} clients x {args.requests}", args.requests, 4,
                 first_page),
            ]  # fmt: skip
            for name, per_client, seed, make in rounds:
                before = cpu_seconds(server.pid)
                results, seconds = asyncio.run(_round(port, args.clients, per_client, seed, make))
                row = _summary(name, results, seconds)
                row["server_cpu_ms_per_request"] = round(
                    1000 * (cpu_seconds(server.pid) - before) / max(len(results), 1), 2
                )
                rows.append(row)
        finally:
            server.terminate()
            server.wait(10)
    result = {
        "events": args.events,
        "workers": args.workers,
        "load_average": os.getloadavg(),
        "store": built,
        "rounds": rows,
    }
    print(json.dumps(result, indent=1))
    if any(r["failed"] for r in rows):
        raise SystemExit("some requests failed")


if __name__ == "__main__":
    main()
