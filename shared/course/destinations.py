"""Whether the trainer's files can be written, found out before any training.

Each file is written as ``.NAME.tmp`` beside its final name and then renamed over it (the
rule of ``shared.io.write``, chapter 21, which the course's tools follow too), so
``write_problem`` tries exactly that: it makes the missing folders, creates and removes
each temporary file, and then removes the folders it made. Only a change during training,
such as a full disk or a folder removed, can still stop the files being written.
"""
import errno
import os
from pathlib import Path

from .._archive import temporary_path


def write_problem(folder, names):
    """Why the files ``names`` cannot be written into ``folder`` (made if missing), or None."""
    folder = Path(folder)
    missing, existing = [], folder
    while not os.path.lexists(existing):
        missing.append(existing)
        existing = existing.parent
    if not os.path.isdir(existing):
        kind = "a file" if os.path.isfile(existing) else "not a folder"
        return f"{existing} is {kind}, so nothing can be written under it: choose another path"
    made = []
    try:
        for part in reversed(missing):
            _try(os.mkdir, part, f"the folder {part} cannot be made")
            made.append(part)
        for name in names:
            problem = _file_problem(folder / name)
            if problem:
                return problem
        return None
    except _Refused as refused:
        return str(refused)
    finally:
        for part in reversed(made):
            part.rmdir()


class _Refused(Exception):
    """A one-line reason why a destination cannot be written."""


def _file_problem(path):
    """Why ``path`` cannot be written through its temporary name, in an existing folder."""
    tmp = temporary_path(path)
    for name in (path, tmp):  # os.path's tests: False for too long a name
        if os.path.isdir(name):
            return f"{name} is a folder, in the way of the file to write: choose another name"
        if os.path.lexists(name) and not (os.path.islink(name) or os.path.isfile(name)):
            return f"{name} is not a plain file (a device or a pipe): choose another name"
    if os.path.lexists(tmp):  # a save cut short left it: the next save replaces it
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return f"the folder {path.parent} is not writable: choose a folder you can write in"
        return None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    os.close(_try(lambda name: os.open(name, flags, 0o666), tmp,
                  f"{path} cannot be written, as no new file can be made in {path.parent}"))
    os.unlink(tmp)
    return None


def _try(action, path, failure):
    """``action(path)``, or _Refused saying why it failed (``failure``, the start of the reason)."""
    try:
        return action(path)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise _Refused(f"the folder {path.parent} is not writable: choose a folder you "
                           f"can write in") from None
        if error.errno == errno.ENAMETOOLONG:
            raise _Refused(_too_long(path)) from None
        raise _Refused(f"{failure} ({error.strerror}): choose a folder you can write in") \
            from None


def _too_long(path):
    """The refusal of a name longer than the file system allows."""
    try:
        limit = os.pathconf(path.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    if path.name.startswith(".") and path.name.endswith(".tmp"):
        final = path.name[1:-4]
        return (f"the name {final[:40]}... is too long: it is written first as .NAME.tmp, "
                f"which must fit in {limit} bytes, so use a name of at most {limit - 5} bytes")
    return f"the name {path.name[:40]}... is too long: use a name of at most {limit} bytes"
