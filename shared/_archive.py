"""The ``.npz`` archive of ``shared.io`` (chapter 21): written atomically, and read safely
even when it is damaged or hostile.

The description member is read and checked first; then the zip directory is checked against
the arrays it lists, and only then are the arrays read, in chunks. A file can never make
the reader use much more memory than the arrays its description lists, nor run code.
"""
import collections
import json
import math
import os
import struct
import zipfile
from pathlib import Path

import numpy as np

MAX_DESCRIPTION_BYTES = 1 << 20
MAX_NPY_HEADER_BYTES = 10_000  # NumPy's own limit on an .npy file's header
MAX_DIRECTORY_BYTES = 1 << 20  # the zip directory: room for over 10,000 arrays
_CHUNK_BYTES = 1 << 20

# What reading a damaged archive can raise, besides Refused.
DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
          EOFError, OSError, ValueError, OverflowError, struct.error, KeyError, IndexError)


class Refused(Exception):
    """What is wrong with a file, in words that follow "it is not a course file:"."""


class NotZip(EOFError):
    """No zip archive starts the file, or no zip directory ends it."""


def temporary_path(path):
    """The name ``path`` is written under until it is complete: ``.NAME.tmp`` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.tmp")


def write_atomically(path, data):
    """Write the bytes ``data`` to ``path`` under its temporary name, then rename it over
    ``path``: a reader sees the old file or the new one, never half of one."""
    tmp = temporary_path(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write(path, arrays):
    """Write ``arrays`` (a dict of name -> array) to ``path`` as an .npz archive, atomically.

    The file is written as ``.NAME.tmp`` next to ``path`` and then renamed; a later save
    replaces that temporary file if this one is interrupted.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_path(path)
    tmp.unlink(missing_ok=True)
    # Mode 0o666: the system takes the umask off, as for any new file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read(path, description_name, check):
    """``(description, arrays)`` of the archive at ``path``. ``check(description)`` checks
    the parsed JSON member ``description_name`` and returns the arrays it lists as
    ``{name: (shape, dtype)}``; the archive must hold exactly those, and nothing else."""
    size = path.stat().st_size
    with open(path, "rb") as file:
        if file.read(4) != b"PK\x03\x04":  # a zip archive starts so (and none hides behind data)
            raise NotZip()
        _check_directory_size(file, size)
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            twice = [n for n, count in collections.Counter(m.filename for m in members).items()
                     if count > 1]
            if twice:
                raise Refused(f"its archive holds {twice[0]!r} more than once.")
            members = {member.filename: member for member in members}
            if description_name + ".npy" not in members:
                raise Refused("it has no description of a model.")
            member = members[description_name + ".npy"]
            _check_member(member, size, largest=MAX_DESCRIPTION_BYTES)
            description = _parse(_read_npy(archive, member, None, np.uint8).tobytes())
            listed = check(description)
            unknown = sorted(set(members) - {description_name + ".npy"}
                             - {name + ".npy" for name in listed})
            if unknown:
                raise Refused(f"its archive holds {unknown[0]!r}, which the description does "
                              f"not list.")
            for name, (shape, dtype) in listed.items():
                if name + ".npy" not in members:
                    raise Refused(f"the array {name!r} it lists is missing from the archive.")
                _check_member(members[name + ".npy"], size,
                              exactly=math.prod(shape) * np.dtype(dtype).itemsize)
            return description, {name: _read_npy(archive, members[name + ".npy"], shape, dtype)
                                 for name, (shape, dtype) in listed.items()}


def _check_directory_size(file, file_size):
    """The zip directory, which zipfile reads whole, must be small: about 70 bytes an array."""
    file.seek(max(0, file_size - 22 - 0xFFFF))  # its end record and a comment of up to 64 KiB
    tail = file.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(tail):
        raise NotZip()
    directory_bytes = struct.unpack_from("<I", tail, end + 12)[0]
    if directory_bytes > MAX_DIRECTORY_BYTES:
        raise Refused(f"its archive's directory takes {directory_bytes:,} bytes, more than a "
                      f"model's arrays ever need ({MAX_DIRECTORY_BYTES:,}).")


def _check_member(member, file_size, *, exactly=None, largest=None):
    """Before reading a member: it must be stored as it is (not compressed), lie inside the
    file, and take ``exactly`` (or at most ``largest``) bytes of data after its header."""
    name, size = member.filename, member.file_size
    if member.compress_type != zipfile.ZIP_STORED:
        raise Refused(f"its member {name!r} is compressed; course files store arrays as they "
                      f"are.")
    if member.header_offset + member.compress_size > file_size:
        raise Refused(f"its member {name!r} runs past the end of the file (cut short?).")
    header_bytes = size - (exactly if exactly is not None else min(size, largest))
    if member.compress_size != size or not 0 <= header_bytes <= MAX_NPY_HEADER_BYTES + 12:
        raise Refused(f"the archive gives its member {name!r} {size:,} bytes, which is not the "
                      f"size of the array the description lists.")


def _read_npy(archive, member, shape, dtype):
    """One .npy member as a new array, read in chunks after checking its header against
    ``shape`` and ``dtype`` (``shape`` None: one dimension of any length)."""
    with archive.open(member) as f:
        version = np.lib.format.read_magic(f)
        if version not in ((1, 0), (2, 0)):
            raise Refused(f"its member {member.filename!r} is an .npy file of version "
                          f"{version}.")
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        file_shape, fortran_order, file_dtype = read_header(f, MAX_NPY_HEADER_BYTES)
        if file_dtype != np.dtype(dtype) or (
                len(file_shape) != 1 if shape is None else file_shape != tuple(shape)):
            raise Refused(f"its member {member.filename!r} holds {file_dtype} of shape "
                          f"{file_shape}, not the {np.dtype(dtype)} of shape {shape} it should.")
        array = np.empty(file_shape, file_dtype, order="F" if fortran_order else "C")
        buffer = memoryview(array.T if fortran_order else array).cast("B")
        if member.file_size - f.tell() != len(buffer):
            raise Refused(f"its member {member.filename!r} is not the size its header says.")
        done = 0
        while done < len(buffer):
            chunk = f.read(min(_CHUNK_BYTES, len(buffer) - done))
            if not chunk:
                raise EOFError(f"{member.filename} ends early")
            buffer[done:done + len(chunk)] = chunk
            done += len(chunk)
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise Refused(f"its array {member.filename[:-4]!r} holds NaN or infinite values.")
    return array


def _parse(text):
    """The description's JSON, with every number finite."""
    def refuse(constant):
        raise ValueError(f"{constant} is not a number a course file may hold")

    def finite(literal):
        if not math.isfinite(value := float(literal)):
            raise ValueError(f"{literal} is too large")
        return value
    try:
        return json.loads(text.decode("utf-8"), parse_constant=refuse, parse_float=finite)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Refused(f"its description is damaged ({type(error).__name__}: {error}).") \
            from error
