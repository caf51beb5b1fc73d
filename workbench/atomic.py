"""Writing files so that a failure never leaves a half-written one behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from workbench.errors import WorkbenchError


def _why(exc: OSError, path: Path, folder: Path) -> str:
    """The reason a write failed, in words an officer can act on."""
    if isinstance(exc, FileNotFoundError):
        return f"the folder {folder} does not exist"
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return "it is a folder, not a file"
    if isinstance(exc, NotADirectoryError):
        return f"{folder} is not a folder"
    if isinstance(exc, PermissionError):
        return ("permission denied: the folder is not writable, or the file is read-only "
                "or open in another program (such as Excel)")
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or type(exc).__name__


def write_atomically(path: str | Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path`` and move it into place.

    Readers see the old file or the new one, never half of one; on failure the temporary
    file is removed and a WorkbenchError names the file and says why.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WorkbenchError(f"{path}: cannot write in {folder} "
                             f"({_why(exc, path, folder)}); nothing was changed") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WorkbenchError(f"{path}: could not be written ({_why(exc, path, folder)}); "
                             "nothing was changed") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
