"""Benchmark: `orgkg serve` against `oxigraph serve-read-only` on the same store, alternating rounds.

    python -m tests.bench.endpoint [--store DIR] [--clients 8] [--seconds 10] [--rounds 2]

Prints queries/s and p50/p99 latency per kind of query and overall for each server, the resident
memory of each server's processes, and a last line of ratios orgkg/oxigraph measured in the same run.
Loopback only; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from tests.server.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
OKG = "https://w3id.org/orgkg/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def queries(entities: list[str], ordinals: list[int]) -> dict[str, callable]:
    """The mix: a label lookup and a DESCRIBE of a different resource each time, attendee lists, GROUP BY."""
    return {
        "lookup": lambda r: f"SELECT ?l WHERE {{ <{r.choice(entities)}> <{LABEL}> ?l }}",
        "describe": lambda r: f"DESCRIBE <{r.choice(entities)}>",
        "attendees": lambda r: (f"SELECT ?o ?name WHERE {{ ?e <{OKG}ordinal> {r.choice(ordinals)} . "
                                f"?o <{OKG}attended> ?e ; <{LABEL}> ?name }}"),
        "group_by": lambda r: "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)",
    }


def _client(args) -> list[tuple[str, float, int]]:
    port, path, seconds, seed, entities, ordinals = args
    rnd = random.Random(seed)
    mix = queries(entities, ordinals)
    kinds = list(mix)
    results = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kind = kinds[rnd.randrange(len(kinds))]
        body = urllib.parse.urlencode({"query": mix[kind](rnd)})
        accept = "text/turtle" if kind == "describe" else "application/sparql-results+json"
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
        results.append((kind, time.perf_counter() - started, status))
    conn.close()
    return results


def _rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(entry))
            except OSError:
                continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _wait(port: int, path: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path + "?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


def start(server: str, store: Path, port: int, workers: int) -> subprocess.Popen:
    if server == "orgkg":
        cmd = [sys.executable, "-m", "extract.cli", "serve", "--store", str(store), "--port", str(port),
               "--workers", str(workers), "--timeout", "60"]
    else:
        cmd = [shutil.which("oxigraph") or "oxigraph", "serve-read-only", "--location", str(store),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _wait(port, "/sparql" if server == "orgkg" else "/query")
    return process


def run_round(server: str, store: Path, clients: int, seconds: float, entities, ordinals, seed: int) -> dict:
    port = free_port()
    process = start(server, store, port, os.cpu_count() or 2)
    path = "/sparql" if server == "orgkg" else "/query"
    try:
        _client((port, path, 1.0, seed, entities, ordinals))  # warm up caches of every worker a little
        with multiprocessing.get_context("spawn").Pool(clients) as pool:
            started = time.monotonic()
            parts = pool.map(_client, [(port, path, seconds, seed + i, entities, ordinals) for i in range(clients)])
            elapsed = time.monotonic() - started
        rss = _rss(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    rows = [r for part in parts for r in part]
    return {"rows": rows, "seconds": elapsed, "rss": rss}


def summarise(rows: list, seconds: float) -> dict:
    out = {}
    for kind in sorted({r[0] for r in rows}) + ["all"]:
        chosen = [r for r in rows if kind == "all" or r[0] == kind]
        latencies = sorted(r[1] for r in chosen)
        errors = sum(1 for r in chosen if not 200 <= r[2] < 300)
        out[kind] = {"n": len(chosen), "qps": len(chosen) / seconds, "errors": errors,
                     "p50": 1000 * latencies[len(latencies) // 2],
                     "p99": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a built store (default: seeds and ../shared/corpus, built now)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="orgkg-bench-"))
    try:
        store = Path(args.store) if args.store else workdir / "store"
        if not args.store:
            inputs = [str(ROOT / "seeds")] + [p for p in [str(ROOT.parent / "shared" / "corpus" / "Page")] if Path(p).is_dir()]
            subprocess.run([sys.executable, "-m", "extract.cli", "build", *inputs, "--store", str(store), "--no-validate"],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        import pyoxigraph
        reader = pyoxigraph.Store.read_only(str(store))
        entities = [r["s"].value for r in reader.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s <{LABEL}> ?l }} }}")]
        ordinals = sorted({int(r["n"].value) for r in reader.query(f"SELECT DISTINCT ?n WHERE {{ GRAPH ?g {{ ?e <{OKG}ordinal> ?n }} }}")}) or [1]
        quads = len(reader)
        del reader
        print(f"store {store}: {quads} quads, {len(entities)} labelled resources; {args.clients} clients, "
              f"{args.seconds:g} s per round, {args.rounds} rounds per server, {os.cpu_count()} cores")
        results: dict[str, list] = {"orgkg": [], "oxigraph": []}
        for round_ in range(args.rounds):
            for server in ("orgkg", "oxigraph") if round_ % 2 == 0 else ("oxigraph", "orgkg"):
                results[server].append(run_round(server, store, args.clients, args.seconds, entities, ordinals, 1000 * round_))
        summary = {}
        for server, rounds in results.items():
            rows = [r for x in rounds for r in x["rows"]]
            summary[server] = summarise(rows, sum(x["seconds"] for x in rounds))
            rss = max(x["rss"] for x in rounds)
            print(f"\n{server}: resident memory of its processes {rss / 2**20:.0f} MiB")
            for kind, s in summary[server].items():
                print(f"  {kind:<10} {s['n']:>7} queries {s['qps']:>8.1f}/s  p50 {s['p50']:>7.2f} ms  p99 {s['p99']:>7.2f} ms  errors {s['errors']}")
            summary[server]["rss"] = rss
        a, b = summary["orgkg"], summary["oxigraph"]
        print("\nratios orgkg/oxigraph: " + "  ".join(
            f"{k}: qps {a[k]['qps'] / b[k]['qps']:.2f}x p50 {a[k]['p50'] / b[k]['p50']:.2f}x p99 {a[k]['p99'] / b[k]['p99']:.2f}x"
            for k in ("lookup", "describe", "attendees", "group_by", "all")) + f"  memory {a['rss'] / b['rss']:.2f}x")
        print(json.dumps({k: {kk: v for kk, v in s.items() if kk != "rss"} for k, s in summary.items()}), file=open(workdir / "summary.json", "w"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
