"""Safe file output: never leave a half-written file behind.

Everything factquiz writes goes through ``atomic_write`` or ``atomic_path``:
the data is written to a temporary file in the same folder and renamed over
the target only when complete, so a failure keeps the old file intact.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from factquiz.errors import InputError, Location


def _check_writable_dir(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"cannot create folder {folder}: {exc.strerror}", Location(str(path))
            ) from None
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder", Location(str(path)))
    if not os.access(folder, os.W_OK):
        raise InputError(
            f"cannot write to folder {folder}: permission denied; choose another output path",
            Location(str(path)),
        )


def _new_file_mode(target: Path) -> int:
    """The existing file's permissions, else 0666 minus the process umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it over ``path`` on success.

    Use for libraries that insist on writing a file themselves (reportlab,
    openpyxl, genanki). On any exception the temporary file is removed.
    """
    target = Path(path)
    if target.is_symlink() and target.is_file():
        target = Path(
            os.path.realpath(target)
        )  # write through a link, never replace the link itself
    if target.exists() and not target.is_file():
        # /dev/stdout, a named pipe: cannot be renamed over; write the finished bytes into it
        with tempfile.TemporaryDirectory(prefix="factquiz-") as folder:
            tmp = Path(folder) / target.name
            yield tmp
            with open(tmp, "rb") as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)
        return
    _check_writable_dir(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); give it the mode a normally created file would have.
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())


MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_bytes(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES, what: str = "file"
) -> bytes:
    """Read an input file with errors a user can act on (missing, a folder, too large)."""
    p = Path(path)
    where = Location(str(p))
    if not p.exists():
        raise InputError(f"{what} not found; check the path", where)
    if p.is_dir():
        raise InputError(f"is a folder, expected a {what}", where)
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"{what} is {size / 1048576:.1f} MB, more than the {max_bytes // 1048576} MB limit; split it into smaller files",
            where,
        )
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror}", where) from None


def read_text(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES, what: str = "file"
) -> str:
    """Read a UTF-8 text file with errors a user can act on (missing, binary, too large)."""
    p = Path(path)
    where = Location(str(p))
    raw = read_bytes(p, max_bytes=max_bytes, what=what)
    if b"\x00" in raw[:8192]:
        raise InputError(f"looks like a binary file, not a UTF-8 text {what}", where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); save the {what} as UTF-8",
            Location(str(p), line),
        ) from None
    return text
