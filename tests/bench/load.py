"""Load: 32 concurrent clients for 60 s against `orgkg serve` on loopback, normal, malformed and timed-out queries.

    python -m tests.bench.load [--store DIR] [--clients 32] [--seconds 60] [--timeout 2]

Prints the statuses per kind of request, unexpected statuses (any 5xx but the 503 of a query past the
limit), the worker processes before, during and after, and the resident memory of the serving processes
sampled every second. Loopback only; stops by itself after --seconds.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from tests.bench.endpoint import _rss, _wait
from tests.server.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
MIX = [  # (kind, weight, query, expected statuses)
    ("normal", 80, "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 50", {200}),
    ("normal-describe", 8, "DESCRIBE <https://w3id.org/orgkg/resource/德国马列主义党>", {200}),
    ("malformed", 10, "SELECT * WHERE { ?s ?p ", {400}),
    ("too-slow", 2, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", {503}),
]


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
            except OSError:
                pass
    return found


def client(port: int, deadline: float, seed: int, results: list) -> None:
    rnd = random.Random(seed)
    kinds = [k for k in MIX for _ in range(k[1])]
    while time.monotonic() < deadline:
        kind, _, query, expected = rnd.choice(kinds)
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            accept = "text/turtle" if query.startswith("DESCRIBE") else "application/sparql-results+json"
            conn.request("POST", "/sparql", urllib.parse.urlencode({"query": query}),
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
            response = conn.getresponse()
            response.read()
            status = response.status
            conn.close()
        except (OSError, http.client.HTTPException) as e:
            status = f"connection error: {type(e).__name__}"
        results.append((kind, status, status in expected, time.perf_counter() - started))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="orgkg-load-"))
    store = Path(args.store) if args.store else work / "store"
    if not args.store:
        subprocess.run([sys.executable, "-m", "extract.cli", "build", str(ROOT / "seeds"), "--store", str(store),
                        "--no-validate"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "extract.cli", "serve", "--store", str(store), "--port", str(port),
                               "--timeout", str(args.timeout)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(port, "/sparql")
        workers_before = len(children(server.pid))
        results: list = []
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(port, deadline, i, results)) for i in range(args.clients)]
        for t in threads:
            t.start()
        memory, workers_seen = [], []
        while time.monotonic() < deadline:
            memory.append(_rss(server.pid))
            workers_seen.append(len(children(server.pid)))
            time.sleep(1)
        for t in threads:
            t.join(timeout=60)
        time.sleep(2)
        workers_after = len(children(server.pid))
        ok = requests_after = 0
        for _ in range(20):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/health")
            ok += conn.getresponse().status == 200
            requests_after += 1
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    by_kind = collections.defaultdict(collections.Counter)
    for kind, status, _, _ in results:
        by_kind[kind][status] += 1
    unexpected = [r for r in results if not r[2]]
    print(f"{args.clients} clients, {args.seconds:g} s, query limit {args.timeout:g} s: {len(results)} requests "
          f"({len(results) / args.seconds:.1f}/s)")
    for kind, counter in sorted(by_kind.items()):
        latencies = sorted(r[3] for r in results if r[0] == kind)
        print(f"  {kind:<16} {dict(counter)}  p50 {1000 * latencies[len(latencies) // 2]:.0f} ms  "
              f"p99 {1000 * latencies[int(len(latencies) * 0.99)]:.0f} ms")
    print(f"unexpected statuses: {len(unexpected)} {collections.Counter(str(r[1]) for r in unexpected).most_common(5)}")
    print(f"workers: {workers_before} before, {min(workers_seen)}-{max(workers_seen)} during, {workers_after} after; "
          f"health after the run: {ok}/{requests_after}")
    print(f"memory of the serving processes: start {memory[0] / 2**20:.0f} MiB, max {max(memory) / 2**20:.0f} MiB, "
          f"end {memory[-1] / 2**20:.0f} MiB")
    return 0 if not unexpected and workers_after == workers_before and ok == requests_after else 1


if __name__ == "__main__":
    sys.exit(main())
