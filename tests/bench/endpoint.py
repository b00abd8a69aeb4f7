"""Benchmark: `orgkg serve` against `oxigraph serve-read-only` on the same store, alternating rounds.

    python -m tests.bench.endpoint [--articles 25000 | --store DIR] [--clients 8] [--seconds 8] [--rounds 2]

Without --store it generates `--articles` articles (`corpus.py`; 25,000 give about 1.1 M quads) and
builds them. Each workload runs on its own, so a tiny query's latency is measured among tiny queries
and in the mix: tiny (a label lookup or a DESCRIBE of a different resource each time), attendee lists
of an edition, heavy (GROUP BY over the whole graph or over all attendance), and all of them mixed.
Prints queries/s and p50/p99 per workload and kind for each server, the resident memory of each
server's processes, and a last line of ratios orgkg/oxigraph measured in the same run.
Loopback only; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import shutil
import signal
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


def queries(entities: list[str], editions: list[str]) -> dict[str, callable]:
    """Each kind of query, a different resource or edition on each request."""
    return {
        "lookup": lambda r: f"SELECT ?l WHERE {{ <{r.choice(entities)}> <{LABEL}> ?l }}",
        "describe": lambda r: f"DESCRIBE <{r.choice(entities)}>",
        "attendees": lambda r: f"SELECT ?o ?name WHERE {{ ?o <{OKG}attended> <{r.choice(editions)}> ; <{LABEL}> ?name }}",
        "group_by": lambda r: "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)",
        "attendance": lambda r: (f"SELECT ?series (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o <{OKG}attended> ?e . "
                                 f"?e <{OKG}editionOf> ?series }} GROUP BY ?series ORDER BY DESC(?n) LIMIT 20"),
    }


WORKLOADS = {"tiny": ["lookup", "describe"], "attendees": ["attendees"], "heavy": ["group_by", "attendance"],
             "mixed": ["lookup", "describe", "attendees", "group_by"]}


def _client(args) -> list[tuple[str, float, int]]:
    port, path, seconds, seed, entities, editions, kinds = args
    rnd = random.Random(seed)
    mix = queries(entities, editions)
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
               "--timeout", "60", *(["--workers", str(workers)] if workers else [])]
    else:
        cmd = [shutil.which("oxigraph") or "oxigraph", "serve-read-only", "--location", str(store),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _wait(port, "/sparql" if server == "orgkg" else "/query")
    return process


def run_round(server: str, store: Path, clients: int, seconds: float, entities, editions, kinds, seed: int,
              workers: int) -> dict:
    port = free_port()
    process = start(server, store, port, workers)
    path = "/sparql" if server == "orgkg" else "/query"
    try:
        _client((port, path, 1.0, seed, entities, editions, ["lookup"]))  # warm up every worker a little
        with multiprocessing.get_context("spawn").Pool(clients) as pool:
            started = time.monotonic()
            parts = pool.map(_client, [(port, path, seconds, seed + i, entities, editions, kinds) for i in range(clients)])
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


def build_store(store: Path, articles: int, seed: int) -> None:
    """Generate `articles` articles and build them (no validation: the store, not the build, is measured)."""
    from tests.bench.corpus import generate
    folder = store.parent / "articles"
    generate(folder, articles, seed)
    subprocess.run([sys.executable, "-m", "extract.cli", "build", str(folder), "--store", str(store), "--no-validate"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    shutil.rmtree(folder)


def sample(store: Path) -> tuple[int, list[str], list[str]]:
    """(quads, labelled resources, conference editions with attendees) of the store."""
    import pyoxigraph
    reader = pyoxigraph.Store.read_only(str(store))
    entities = [r["s"].value for r in reader.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s <{LABEL}> ?l }} }}")]
    editions = [r["e"].value for r in reader.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?o <{OKG}attended> ?e }} }}")]
    quads = len(reader)
    del reader
    return quads, entities, editions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a built store (default: --articles generated articles, built now)")
    parser.add_argument("--articles", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workloads", nargs="+", choices=list(WORKLOADS), default=list(WORKLOADS))
    parser.add_argument("--workers", type=int, default=None, help="orgkg serve --workers (default: its own)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="orgkg-bench-"))
    try:
        store = Path(args.store) if args.store else workdir / "store"
        if not args.store:
            build_store(store, args.articles, args.seed)
        quads, entities, editions = sample(store)
        print(f"store {store}: {quads:,} quads, {len(entities):,} labelled resources, {len(editions):,} editions; "
              f"{args.clients} clients, {args.seconds:g} s per round, {args.rounds} rounds per server and workload, "
              f"{os.cpu_count()} cores")
        ratios, memory = [], {}
        for workload in args.workloads:
            kinds = WORKLOADS[workload]
            results: dict[str, list] = {"orgkg": [], "oxigraph": []}
            for round_ in range(args.rounds):
                for server in ("orgkg", "oxigraph") if round_ % 2 == 0 else ("oxigraph", "orgkg"):
                    results[server].append(run_round(server, store, args.clients, args.seconds, entities, editions,
                                                     kinds, 1000 * round_, args.workers))
            summary = {}
            print(f"\n{workload} ({', '.join(kinds)})")
            for server, rounds in results.items():
                rows = [r for x in rounds for r in x["rows"]]
                summary[server] = summarise(rows, sum(x["seconds"] for x in rounds))
                memory[server] = max(memory.get(server, 0), *(x["rss"] for x in rounds))
                for kind, s in summary[server].items():
                    print(f"  {server:<9} {kind:<10} {s['n']:>7} queries {s['qps']:>8.1f}/s  p50 {s['p50']:>8.2f} ms  "
                          f"p99 {s['p99']:>8.2f} ms  errors {s['errors']}", flush=True)
            a, b = summary["orgkg"], summary["oxigraph"]
            ratios.append(f"{workload}: qps {a['all']['qps'] / b['all']['qps']:.2f}x p50 {a['all']['p50'] / b['all']['p50']:.2f}x "
                          f"p99 {a['all']['p99'] / b['all']['p99']:.2f}x (orgkg p99 {a['all']['p99']:.1f} ms)")
        print(f"\nresident memory of the serving processes: orgkg {memory['orgkg'] / 2**20:.0f} MiB, "
              f"oxigraph {memory['oxigraph'] / 2**20:.0f} MiB")
        print("ratios orgkg/oxigraph: " + "; ".join(ratios) + f"; memory {memory['orgkg'] / memory['oxigraph']:.2f}x")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
