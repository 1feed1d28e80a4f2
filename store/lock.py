"""The single-writer lock: an exclusive ``flock`` on ``<dossier>.lock`` naming its holder."""

from __future__ import annotations

import errno
import fcntl
import os
import shlex
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from dossier.store.errors import DossierError, DossierLocked

DEFAULT_TIMEOUT = 5.0
_POLL_SECONDS = 0.05


def lock_path_for(path: Path) -> Path:
    """The lock file beside a dossier file (``name.json`` -> ``name.json.lock``)."""
    return path.with_name(path.name + ".lock")


def timeout_from_environment() -> float:
    """Seconds a writer waits for the lock: ``DOSSIER_LOCK_TIMEOUT`` if it is a number, else 5."""
    value = os.environ.get("DOSSIER_LOCK_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if seconds >= 0 else DEFAULT_TIMEOUT


def read_holder(path: Path) -> dict[str, Any]:
    """Who holds (or last held) the lock of a dossier, as recorded in the lock file; {} if unknown."""
    try:
        holder = orjson.loads(lock_path_for(path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return holder if isinstance(holder, dict) else {}


class WriterLock:
    """An exclusive, reentrant-in-process writer lock on one dossier file."""

    def __init__(self, path: Path, timeout: float | None = None) -> None:
        self.path = path
        self.lock_path = lock_path_for(path)
        self._timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    @property
    def timeout(self) -> float:
        """Seconds to wait for another writer (read from the environment at each use unless fixed)."""
        return timeout_from_environment() if self._timeout is None else self._timeout

    @property
    def held(self) -> bool:
        """Whether this object currently holds the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, waiting up to ``timeout`` seconds, then record pid and command line."""
        if self._fd is not None:
            self._depth += 1
            return
        self._fd = self._take()
        self._depth = 1

    def _take(self) -> int:
        """Lock the file that has the lock file's name now, retrying when it is replaced meanwhile.

        A ``flock`` locks an inode, not a name: if the lock file is deleted or replaced between
        opening and locking, the lock is on a file nobody else will open, so it is taken again.
        """
        deadline = time.monotonic() + self.timeout
        while True:
            fd = self._open()
            try:
                locked = self._lock_until(fd, deadline)
                if locked and self._names_our_file(fd):
                    break
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
            if not locked:
                raise DossierLocked(self.path, read_holder(self.path), self.timeout)
        holder = {
            "pid": os.getpid(),
            "command": shlex.join(sys.orig_argv),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, orjson.dumps(holder), 0)
        return fd

    def _open(self) -> int:
        """Open (creating) the lock file; ``DossierError`` when that is impossible."""
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise DossierError(f"cannot create the lock file {self.lock_path}: {error.strerror}") from error

    def _lock_until(self, fd: int, deadline: float) -> bool:
        """``flock`` ``fd`` exclusively, polling until ``deadline``; False when another holder kept it."""
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise DossierError(f"cannot lock {self.lock_path}: {error.strerror}") from error
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_SECONDS)

    def _names_our_file(self, fd: int) -> bool:
        """Whether the lock file's name still leads to the file ``fd`` has open (not deleted or replaced)."""
        try:
            named = os.stat(self.lock_path)
        except OSError:
            return False
        ours = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (ours.st_dev, ours.st_ino)

    def confirm(self) -> bool:
        """Make sure the lock taken by ``acquire`` still excludes other writers; call before each write.

        Someone may have deleted or replaced the lock file while it was held, letting another
        writer lock a new file of the same name. Then the lock is taken again on that file
        (waiting for that writer; ``DossierLocked`` after ``timeout``, and the next call tries
        again) and True says so: the dossier file may have changed meanwhile. False when the
        lock was never lost.
        """
        if self._fd is not None:
            if self._names_our_file(self._fd):
                return False
            lost, self._fd = self._fd, None
            os.close(lost)  # its flock guards a file nobody else will open
        self._fd = self._take()
        self._depth = max(self._depth, 1)
        return True

    def release(self) -> None:
        """Give the lock back (the outermost release of nested acquires does it)."""
        if self._fd is None:
            return
        self._depth -= 1
        if self._depth > 0:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
