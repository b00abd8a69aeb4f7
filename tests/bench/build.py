"""Benchmark: build throughput and memory on generated articles, against raw `Store.bulk_load` of the same quads.

    python -m tests.bench.build [--articles 10000 100000] [--jobs N] [--seed 1]

For each size, each step in a process of its own, timed from outside, with the peak resident memory
of its process tree sampled every 50 ms: extraction alone (every article parsed and extracted on all
cores, quads counted and dropped), the whole build without and with shape validation, raw
`pyoxigraph.Store.bulk_load` of the built quads from an N-Quads file, the build's own write path
for the same file (parse in Python, `bulk_extend`), and an incremental rebuild after editing 1 % of
the articles. The last line gives the ratios the performance issue sets targets for.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.bench.corpus import generate
from tests.bench.endpoint import _rss

ROOT = Path(__file__).resolve().parents[2]


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Run a command; (wall seconds, peak resident bytes of its process tree, standard output)."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"bench: {' '.join(cmd[:4])} … failed with status {process.returncode}")
    return seconds, peak, out


def phase_extract(folder: str, jobs: int) -> None:
    """Extraction alone: every article parsed and extracted, its quads counted and dropped."""
    from extract.sources import discover
    from extract.store import BuildReport, extract_files
    report = BuildReport(Path("unused"))
    quads = sum(1 for _ in extract_files(discover([folder]), report, jobs=jobs))
    print(json.dumps({"articles": report.articles, "quads": quads}))


def phase_bulk(nquads: str, store: str) -> None:
    """Raw pyoxigraph bulk load of an N-Quads file."""
    from pyoxigraph import RdfFormat, Store
    Store(store).bulk_load(path=nquads, format=RdfFormat.N_QUADS)


def phase_write(nquads: str, store: str) -> None:
    """The build's write path: quads parsed in Python and streamed into `bulk_extend`."""
    from pyoxigraph import RdfFormat, Store, parse
    with open(nquads, "rb") as f:
        Store(store).bulk_extend(parse(f, format=RdfFormat.N_QUADS))


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "extract.cli", *args]


def me(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.bench.build", *args]


def measure(size: int, work: Path, jobs: int, seed: int) -> dict:
    folder, store = work / f"in{size}", work / f"store{size}"
    started = time.perf_counter()
    generate(folder, size, seed)
    print(f"\n{size} articles generated in {time.perf_counter() - started:.0f} s", flush=True)
    row: dict = {"size": size}

    def step(name: str, cmd: list[str], unit: int | None = None) -> str:
        seconds, peak, out = run(cmd)
        row[name] = {"seconds": seconds, "peak": peak}
        rate = f", {unit / seconds:,.0f} articles/s" if unit else ""
        print(f"  {name:<22} {seconds:8.1f} s{rate}, peak memory {peak / 2**20:,.0f} MiB", flush=True)
        return out

    out = step("extraction", me("--phase", "extract", str(folder), "--jobs", str(jobs)), size)
    row["quads"] = json.loads(out)["quads"]
    step("build (no validation)", cli("build", str(folder), "--store", str(store), "--full", "--no-validate",
                                      "--jobs", str(jobs)), size)
    nquads = work / f"quads{size}.nq"
    from pyoxigraph import RdfFormat
    from extract.store import open_store
    open_store(store).dump(output=str(nquads), format=RdfFormat.N_QUADS)
    row["stored_quads"] = sum(1 for _ in open(nquads, "rb"))
    step("raw bulk_load", me("--phase", "bulk", str(nquads), str(work / f"bulk{size}")))
    step("write path", me("--phase", "write", str(nquads), str(work / f"write{size}")))
    step("build (validated)", cli("build", str(folder), "--store", str(store), "--full", "--jobs", str(jobs)), size)
    pages = sorted((folder / "Page").iterdir())
    for page in pages[:: 100]:  # 1 %: a sentence added to each
        page.write_text(page.read_text(encoding="utf-8") + "\n该组织于2020年举行了代表大会。\n", encoding="utf-8")
    step("incremental (1 %)", cli("build", str(folder), "--store", str(store), "--jobs", str(jobs)))
    print(f"  quads: {row['stored_quads']:,} stored ({row['quads']:,} extracted)")
    for name in ("raw bulk_load", "write path", "build (no validation)", "build (validated)"):
        print(f"  {name:<22} {row['stored_quads'] / row[name]['seconds']:>12,.0f} quads/s")
    for path in (folder, work / f"bulk{size}", work / f"write{size}", nquads, store):
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phase", choices=["extract", "bulk", "write"], help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "extract":
        phase_extract(args.paths[0], args.jobs)
        return 0
    if args.phase in ("bulk", "write"):
        (phase_bulk if args.phase == "bulk" else phase_write)(*args.paths)
        return 0
    work = Path(tempfile.mkdtemp(prefix="orgkg-bench-build-"))
    print(f"{os.cpu_count()} cores, {args.jobs} jobs, seed {args.seed}, work folder {work}")
    try:
        rows = [measure(size, work, args.jobs, args.seed) for size in args.articles]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratios = []
    for row in rows:
        n, bulk = row["size"], row["raw bulk_load"]["seconds"]
        ratios.append(f"{n}: extraction {n / row['extraction']['seconds']:.0f} articles/s (target 500), "
                      f"build/bulk_load throughput {bulk / row['build (no validation)']['seconds']:.2f}x "
                      f"(validated {bulk / row['build (validated)']['seconds']:.2f}x, target 0.8x), "
                      f"write path/bulk_load {bulk / row['write path']['seconds']:.2f}x, incremental/full "
                      f"{row['incremental (1 %)']['seconds'] / row['build (validated)']['seconds']:.2f}x (target < 0.10)")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        ratios.append(f"peak memory {large['size']}/{small['size']}: build "
                      f"{large['build (validated)']['peak'] / small['build (validated)']['peak']:.2f}x (target <= 1.2x), "
                      f"extraction {large['extraction']['peak'] / small['extraction']['peak']:.2f}x")
    print("\nratios: " + "; ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
