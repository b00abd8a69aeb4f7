"""`orgkg serve`: the app on gunicorn, one sync worker per core, each opening the store read-only after fork.

Why gunicorn sync workers: pyoxigraph releases the GIL while it queries, but one process cannot stop a
running query; separate processes can be ended and replaced when a query passes the time limit, and
measured on 2 cores they came closest to `oxigraph serve` (README, "Serving").
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from gunicorn.app.base import BaseApplication

from server.config import HELP, Config, load


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One option per setting; each also reads ORGKG_<NAME> from the environment."""
    for f in fields(Config):
        flag = "--" + f.name.replace("_", "-")
        env = f"ORGKG_{f.name.upper()}"
        if f.name == "allow_service":
            parser.add_argument(flag, action="append", metavar="URL", help=f"{HELP[f.name]} [{env}, space-separated]")
        else:
            kind = {"int": int, "float": float}.get(str(f.type).split(" ")[0], str)
            parser.add_argument(flag, type=kind, default=None, help=f"{HELP[f.name]} [{env}]")


class _Gunicorn(BaseApplication):
    def __init__(self, config: Config) -> None:
        self.config_ = config
        super().__init__()

    def load_config(self) -> None:
        c = self.config_
        settings = {
            "bind": f"{c.host}:{c.port}", "workers": max(1, c.workers), "worker_class": "sync",
            # gunicorn's own limit stays above ours, so our watchdog answers the client first
            "timeout": int(c.timeout) + 30, "graceful_timeout": 10,
            "limit_request_line": min(8190, c.max_query_string + 512), "loglevel": "warning",
            "accesslog": None, "errorlog": "-", "proc_name": "orgkg",
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        from server import create_app
        return create_app(self.config_)


def ensure_store(config: Config) -> None:
    """Build the seeds first when the store is empty, so a fresh clone serves something.

    The build runs in a child process: RocksDB starts background threads, and workers forked from a
    process that has them inherit its state without the threads, so their writes would wait forever.
    """
    path = Path(config.store)
    if config.backend is not None or path.is_dir() and any(path.iterdir()):
        return
    print(f"store {path} is empty: building the seeds first", file=sys.stderr)
    done = subprocess.run([sys.executable, "-m", "extract.cli", "build", "--store", str(path)], check=False)
    if done.returncode != 0:
        raise SystemExit(f"orgkg serve: error: the seed build failed (exit {done.returncode})")


def serve(args: argparse.Namespace) -> int:
    overrides = {f.name: getattr(args, f.name, None) for f in fields(Config)}
    if overrides.get("allow_service"):
        overrides["allow_service"] = tuple(overrides["allow_service"])
    config = load(overrides)
    ensure_store(config)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    print(f"serving {config.backend or config.store} on http://{config.host}:{config.port}/ with {config.workers} workers "
          f"(query limit {config.timeout:g} s, updates {'on' if config.update_token else 'off'})", file=sys.stderr)
    _Gunicorn(config).run()
    return 0
