"""The store folder's life: built aside, swapped in by two renames, a generation file that tells readers to
reopen, and the clean-up of builds that were killed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

def swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames, then tell running servers to reopen.

    The replaced store stays as `<store>.previous` until the next build, so a server still reading it
    (it reopens on its next request) never loses a file under an open handle; `recover` finishes a
    swap cut between the two renames.
    """
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        os.replace(target, previous)
    os.replace(staging, target)
    bump_generation(target)


def generation_file(store_dir: str | Path) -> Path:
    path = Path(store_dir)
    return path.with_name(path.name + ".generation")


def bump_generation(store_dir: str | Path) -> None:
    """Tell every reader of `store_dir` to reopen it (after a write or a build swap)."""
    path = generation_file(store_dir)
    tmp = path.with_name(path.name + f".{os.getpid()}")
    tmp.write_text(f"{os.getpid()}-{time.time_ns()}-{os.urandom(4).hex()}\n")
    os.replace(tmp, path)


def remove_stale_staging(target: Path) -> list[Path]:
    """Staging folders left by builds that were killed (their process is gone)."""
    removed = []
    for folder in target.parent.glob(target.name + ".building-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(target: Path) -> None:
    """Put back the previous store if a swap was interrupted after moving it aside."""
    previous = target.with_name(target.name + ".previous")
    if previous.exists() and not target.exists():
        os.replace(previous, target)
