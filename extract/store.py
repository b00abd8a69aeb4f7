"""Build article graphs into an on-disk Oxigraph store: into a new directory, swapped in only when complete."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse, serialize
from urllib.parse import quote, unquote

from extract.iris import GRAPH as GRAPH_BASE
from extract.parallel import ordered_map
from extract.parse import NotAnArticle, Title
from extract.errors import BuildError
from extract.pipeline import extract
from extract.sources import RDF_SUFFIXES, Source, discover, read_article
from extract.storedir import recover, remove_stale_staging, swap

DATA_GRAPH = "https://w3id.org/orgkg/graph/data/"  # + file name: the graph of an RDF input that names none
ARTICLE_TIMEOUT = 60.0  # seconds one article may take; far above any real article (milliseconds)
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_GRAPH = NamedNode("https://w3id.org/orgkg/ontology")


class ArticleTimeout(Exception):
    """One article took longer than the per-article limit."""


@contextmanager
def time_limit(seconds: float):
    """Bound one article's extraction: no input, however malformed, may hold the build."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class BuildReport:
    """What a build read, skipped and produced."""

    store: Path
    articles: int = 0
    rdf_files: int = 0
    kept: int = 0  # article graphs an incremental rebuild kept as they were
    dropped: int = 0  # graphs it removed (changed or deleted files)
    skipped: list[Skipped] = field(default_factory=list)
    quads: int = 0
    classes: Counter = field(default_factory=Counter)
    validation: "Report | None" = None  # extract.validate.Report
    seconds: float = 0.0


def _extract_one(job: tuple[str, str, float]) -> tuple[str, str | None, str | None, bytes, int]:
    """Read and extract one file (in a worker process): (path, page key, reason skipped, N-Quads, count)."""
    path, name, timeout = job
    try:
        with time_limit(timeout):
            article, source_digest = read_article(Path(path), name)
            result = extract(article, source_digest)
    except ArticleTimeout:
        return path, None, f"took longer than {timeout:g} s to extract", b"", 0
    except NotAnArticle as e:
        return path, None, str(e), b"", 0
    except OSError as e:
        return path, None, f"cannot read: {e.strerror or e}", b"", 0
    except RecursionError:
        return path, None, "too deeply nested to parse", b"", 0
    return path, article.title.key, None, serialize(result.quads, format=RdfFormat.N_QUADS), len(result.quads)


PARALLEL_FROM = 500  # files; below this, starting worker processes (about 0.6 s each) costs more than it saves
# (an article takes about 2 ms)


def extract_files(files: list[Source], report: BuildReport,
                  progress: Callable[[int, int], None] | None = None,
                  article_timeout: float = ARTICLE_TIMEOUT, jobs: int | None = None,
                  kept: dict[str, str] | None = None) -> Iterator[Quad]:
    """Quads of every article in input order, extracted on `jobs` processes and streamed, never all in memory.

    Files that are not articles are recorded and skipped; a second file for a page already read is too.
    """
    jobs = jobs or os.cpu_count() or 1
    work = ((str(s.path), s.name, article_timeout) for s in files)
    results = ordered_map(_extract_one, work, jobs if len(files) >= PARALLEL_FROM else 1)
    seen: dict[str, str] = {}
    kept_keys = {Title(unquote(g[len(GRAPH_BASE):])).key: src for g, src in (kept or {}).items() if g.startswith(GRAPH_BASE)}
    try:
        for i, (path, key, reason, data, count) in enumerate(results, 1):
            if reason is None and key in kept_keys:
                reason = f"same page as {kept_keys[key]}"
            if reason is None and key in seen:
                reason = f"same page as {seen[key]}"
            if reason is not None:
                report.skipped.append(Skipped(path, reason))
            else:
                seen[key] = path
                report.articles += 1
                report.quads += count
                yield from parse(data, format=RdfFormat.N_QUADS)
            if progress is not None:
                progress(i, len(files))
    finally:
        results.close()  # ends the worker processes when the consumer stops early


def build(paths: Iterable[str | Path], store_dir: str | Path, validate: bool = True, strict: bool = False,
          progress: Callable[[int, int], None] | None = None, jobs: int | None = None,
          full: bool = False) -> BuildReport:
    """Build a fresh store from the inputs and swap it in; the previous store survives any failure."""
    started = time.monotonic()
    target = Path(store_dir)
    files = discover(paths)
    if not files:
        raise BuildError("no article files (*.md, *.txt) or RDF files (*.nq, *.nt, *.ttl, *.trig, *.jsonld) in the inputs")
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    remove_stale_staging(target)
    staging = target.with_name(f"{target.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    report = BuildReport(target)
    try:
        incremental = (not full and target.is_dir()
                       and not any(s.path.suffix.lower() in RDF_SUFFIXES for s in files))
        changes = None
        if incremental:
            changes = _update(target, staging, files, report, progress, jobs, track=validate)
        else:
            _fill(staging, files, report, progress, jobs)
        if validate:
            from extract.validate import validate_store  # pySHACL and rdflib load only for a validating build
            # on a read-only handle: pySHACL and rdflib can leave tracebacks whose frames outlive the call,
            # and pyoxigraph has no close(), so no such frame may hold the read-write store
            reader = Store.read_only(str(staging))
            report.validation = validate_store(
                reader, exclude_graph=ONTOLOGY_GRAPH.value, jobs=jobs or os.cpu_count() or 1, location=staging,
                focus=changes.focus(reader) if changes is not None else None,
                progress=(lambda done, total: progress(done, total, "nodes validated")) if progress else None)
            if strict and not report.validation.conforms:
                raise BuildError(f"{len(report.validation.violations)} shape violations; the previous store is kept")
        swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.seconds = time.monotonic() - started
    return report


def _fill(staging: Path, files: list[Source], report: BuildReport,
          progress: Callable[[int, int], None] | None, jobs: int | None) -> None:
    """Write every article's quads and the ontology; the read-write store is closed when this returns."""
    store = Store(str(staging))
    articles = [s for s in files if s.path.suffix.lower() not in RDF_SUFFIXES]
    store.bulk_extend(extract_files(articles, report, progress, jobs=jobs))
    for source in files:
        if source.path.suffix.lower() in RDF_SUFFIXES:
            _load_rdf(store, source, report)
    store.bulk_load(path=str(ONTOLOGY_DIR / "orgkg.ttl"), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    store.flush()
    report.classes = class_counts(store)
    store.optimize()


def _update(current: Path, staging: Path, files: list[Source], report: BuildReport,
            progress: Callable[[int, int], None] | None, jobs: int | None, track: bool):
    """An incremental rebuild: a checkpoint of the current store, with only changed articles extracted again.

    With `track`, returns the Changes whose neighbourhood needs validating again (None: validate all).
    """
    from extract import incremental
    incremental.checkpoint(current, staging)
    store = Store(str(staging))
    todo = incremental.plan(store, files)
    changes = None
    if track and len(todo.extract) + len(todo.drop) <= incremental.TRACK_UP_TO * max(len(files), 1):
        from extract.validate import inverse_predicates
        changes = incremental.Changes(inverse_predicates())
    for graph in todo.drop:
        if changes is not None and graph != ONTOLOGY_GRAPH:
            for quad in store.quads_for_pattern(None, None, None, graph):
                changes.note(quad)
        store.remove_graph(graph)
    store.clear_graph(DefaultGraph())
    report.kept, report.dropped = todo.kept, sum(1 for g in todo.drop if g != ONTOLOGY_GRAPH)
    quads = extract_files(todo.extract, report, progress, jobs=jobs, kept=todo.kept_pages)
    store.bulk_extend(changes.watch(quads) if changes is not None else quads)
    report.quads = len(store)  # all article graphs, kept or new, as a full build counts them
    store.bulk_load(path=str(ONTOLOGY_DIR / "orgkg.ttl"), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    store.flush()
    report.classes = class_counts(store)
    # compacted every time: it is a quarter of a 1 % rebuild, but without it each rebuild leaves its removed
    # graphs and new files behind, and after five of them the store's own queries ran twice as long
    store.optimize()
    return changes


def _load_rdf(store: Store, source: Source, report: BuildReport) -> None:
    """Bulk-load an RDF file as it is: into its own graph unless its format names graphs (N-Quads, TriG)."""
    fmt = RDF_SUFFIXES[source.path.suffix.lower()]
    graph = None if fmt.supports_datasets else NamedNode(DATA_GRAPH + quote(source.name, safe="/"))
    before = len(store)
    try:
        store.bulk_load(path=str(source.path), format=fmt, to_graph=graph)
    except (SyntaxError, ValueError, OSError) as e:
        # bulk_load is not transactional: drop what a failed file wrote to its own graph
        if graph is not None:
            store.remove_graph(graph)
        report.skipped.append(Skipped(str(source.path), f"not valid {fmt.name}: {str(e).splitlines()[0][:200]}"))
        return
    report.rdf_files += 1
    report.quads += len(store) - before


def open_store(store_dir: str | Path) -> Store:
    """Open a built store for reading; a clear error if there is none."""
    path = Path(store_dir)
    recover(path)
    if not path.is_dir():
        raise BuildError(f"no store at {path}: run `orgkg build` first (or pass --store)")
    try:
        return Store.read_only(str(path))
    except OSError as e:
        raise BuildError(f"cannot open the store at {path}: {e}") from None


def class_counts(store: Store) -> Counter:
    """Entities per class of the ontology, over all article graphs."""
    counts: Counter = Counter()
    query = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
        GRAPH ?g { ?s a ?class } FILTER (?g != <%s>)
        FILTER (STRSTARTS(STR(?class), "https://w3id.org/orgkg/ontology#"))
    } GROUP BY ?class""" % ONTOLOGY_GRAPH.value
    for row in store.query(query):
        counts[row["class"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
    return counts


def progress_printer(stream=sys.stderr, every: int = 200) -> Callable[..., None]:
    """A progress line for long work: redrawn in place on a terminal, every `every` items otherwise."""
    started: dict[str, float] = {}
    tty = stream.isatty()

    def show(done: int, total: int, unit: str = "articles") -> None:
        start = started.setdefault(unit, time.monotonic())
        if total < every:
            return
        if not tty and done % every and done != total:
            return
        rate = done / max(time.monotonic() - start, 1e-6)
        width = 30
        bar = "#" * int(width * done / total)
        line = f"[{bar:<{width}}] {done}/{total} {unit}, {rate:.0f}/s"
        stream.write(("\r" + line) if tty else line + "\n")
        if tty and done == total:
            stream.write("\n")
        stream.flush()

    return show
