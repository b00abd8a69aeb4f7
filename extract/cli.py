"""The `orgkg` command: build, export, query and describe the knowledge graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.queries import EXPORT_FORMATS, PROJECT_DIR, QueryError, export, load_query, run, write_results
from extract.store import ONTOLOGY_GRAPH, BuildError, BuildReport, build, class_counts, open_store, progress_printer
from extract.vocab import PREFIXES

DEFAULT_STORE = "data/store"


def _default_inputs() -> list[str]:
    local = Path("seeds")
    return [str(local if local.is_dir() else PROJECT_DIR / "seeds")]


def cmd_build(args: argparse.Namespace) -> int:
    remote = _target(args) if args.target else None  # a bad URL fails before the build, not after
    report = build(args.paths or _default_inputs(), args.store, validate=not args.no_validate,
                   strict=args.strict, progress=progress_printer(), jobs=args.jobs, full=args.full)
    print_report(report)
    if remote is not None:
        from extract.target import load_into
        try:
            loaded = load_into(open_store(args.store), remote, progress_printer())
        except (OSError, SyntaxError) as e:
            raise BuildError(f"loading into {args.target} failed: {e}; the local store is built, run again to retry") from None
        print(f"loaded into {args.target} in {loaded.seconds:.1f} s: {loaded.sent} graphs sent ({loaded.quads} triples), "
              f"{loaded.unchanged} unchanged, {loaded.deleted} deleted")
    return 0


def _target(args: argparse.Namespace):
    from extract.remote import RemoteStore
    try:
        remote = RemoteStore(args.target, store_url=args.target_store)
    except ValueError as e:
        raise BuildError(f"--target: {e}") from None
    if remote.store_url is None:
        raise BuildError("--target: give the store's Graph Store Protocol endpoint with --target-store")
    return remote


def print_report(report: BuildReport) -> None:
    print(f"built {report.store} in {report.seconds:.1f} s")
    print(f"articles read: {report.articles}")
    if report.kept or report.dropped:
        print(f"unchanged articles kept: {report.kept}; graphs dropped (changed or deleted inputs, earlier updates): {report.dropped}")
    if report.rdf_files:
        print(f"RDF files loaded: {report.rdf_files}")
    print(f"skipped: {len(report.skipped)}")
    for skipped in report.skipped:
        print(f"  {skipped.path}: {skipped.reason}")
    print("entities per class:")
    for name, n in sorted(report.classes.items()):
        print(f"  {name}: {n}")
    print(f"triples: {report.quads} (in {report.articles + report.kept} article graphs)")
    if report.validation is None:
        print("shape validation: skipped")
    else:
        v = report.validation
        if v.partial:
            print(f"shape validation of the {v.checked} nodes the change touches (and all SPARQL constraints):")
        print(f"shape violations: {len(v.violations)} (warnings: {len(v.warnings)})")
        for finding in v.violations[:20]:
            print(f"  {finding}")


def cmd_export(args: argparse.Namespace) -> int:
    fmt = EXPORT_FORMATS[args.format]
    store = open_store(args.store)
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    try:
        export(store, out, fmt)
    finally:
        if args.output:
            out.close()
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    results = run(store, load_query(args.query))
    write_results(results, sys.stdout.buffer, args.format)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from server.serve import serve
    return serve(args)


def cmd_stats(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    graphs = [g for g in store.named_graphs() if g != ONTOLOGY_GRAPH]
    triples = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                                    use_default_graph_as_union=True)))["n"].value
    print(f"store: {args.store}")
    print(f"article graphs: {len(graphs)}")
    print(f"quads: {len(store)}")
    print(f"distinct triples: {triples}")
    for name, n in sorted(class_counts(store).items()):
        print(f"  {name}: {n}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="orgkg", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="extract articles into a new store and swap it in when complete")
    b.add_argument("paths", nargs="*", help="article files or folders (*.md, *.txt), and RDF files loaded as they are "
                                           "(*.nq, *.nt, *.ttl, *.trig, *.jsonld); default: seeds/")
    b.add_argument("--store", default=DEFAULT_STORE, help=f"store directory (default: {DEFAULT_STORE})")
    b.add_argument("--strict", action="store_true", help="keep the previous store if any shape is violated")
    b.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    b.add_argument("--jobs", type=int, default=None, help="extraction processes (default: one per core)")
    b.add_argument("--full", action="store_true", help="extract every article again, even those unchanged since the last build")
    b.add_argument("--target", metavar="URL", help="then load the build into a remote SPARQL store, given by its query "
                                                   "endpoint (oxigraph serve: http://HOST:PORT/query)")
    b.add_argument("--target-store", metavar="URL", help="its Graph Store Protocol endpoint (default: /store beside a /query URL)")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("export", help="write the whole dataset in an RDF format, streamed")
    e.add_argument("--store", default=DEFAULT_STORE, help=f"store directory (default: {DEFAULT_STORE})")
    e.add_argument("--format", choices=sorted(EXPORT_FORMATS), default="turtle", help="RDF format (default: turtle)")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.set_defaults(func=cmd_export)

    q = sub.add_parser("query", help="run a SPARQL query: a file, a name from queries/, or - for stdin")
    q.add_argument("query", help="FILE, NAME (a file in queries/) or -")
    q.add_argument("--store", default=DEFAULT_STORE, help=f"store directory (default: {DEFAULT_STORE})")
    q.add_argument("--format", choices=["table", "json", "csv"], default="table", help="output (default: table)")
    q.set_defaults(func=cmd_query)

    v = sub.add_parser("serve", help="serve the store over SPARQL, linked data and a query page (gunicorn)")
    from server.serve import add_arguments
    add_arguments(v)
    v.set_defaults(func=cmd_serve)

    s = sub.add_parser("stats", help="count graphs, quads and entities per class")
    s.add_argument("--store", default=DEFAULT_STORE, help=f"store directory (default: {DEFAULT_STORE})")
    s.set_defaults(func=cmd_stats)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (BuildError, QueryError) as e:
        print(f"orgkg {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"orgkg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
