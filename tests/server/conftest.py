"""Fixtures for the endpoint: a built seed store, in-process apps, and a real `orgkg serve` on loopback."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from extract.store import build
from server import create_app
from tests.conftest import SEEDS

TOKEN = "test-token-5b1f"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("served") / "store"
    build([SEEDS], path, validate=False)
    return path


@pytest.fixture()
def writable_store(seed_store, tmp_path) -> Path:
    """A private copy of the seed store that a test may change."""
    path = tmp_path / "store"
    shutil.copytree(seed_store, path)
    return path


@pytest.fixture(scope="session")
def client(seed_store):
    return create_app({"store": str(seed_store)}).test_client()


@pytest.fixture()
def writer(writable_store):
    return create_app({"store": str(writable_store), "update_token": TOKEN}).test_client()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(store: Path, *options: str, workers: int = 2, ready: int = 200):
    """`orgkg serve` as a real process on a free loopback port; stopped by its PID afterwards."""
    port = free_port()
    log = open(store.parent / f"serve-{port}.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "extract.cli", "serve", "--store", str(store),
                                "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), *options],
                               stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "ORGKG_UPDATE_TOKEN": ""})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(url + "/health", timeout=2).status_code == ready:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"orgkg serve did not start: {(store.parent / f'serve-{port}.log').read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
