"""Your own copy of the course's notebooks, ``python -m shared.course.workspace [FOLDER]``.

Work in a copy, not in ``chapters/``: the course's copies stay as released, so the tests
(which check the course itself) keep passing and an updated course never collides with
your answers. The first run copies every chapter into FOLDER (default: ``my_work/`` at the
repository's root, which git ignores). Each later run

- adds the chapters that are new in the course,
- never overwrites a notebook of yours: where the course's copy of a chapter changed since
  it was copied, it writes the new version beside yours, as ``NN_slug.updated.ipynb``, for
  you to compare or switch to (a copy you never saved is simply replaced by the new one);
  once you have saved work in ``NN_slug.updated.ipynb`` too, it is not replaced either,
- and says, in one line each, which chapters it left as they are, and why.

A small manifest in FOLDER (``.course_versions.json``) remembers which version of each
chapter was copied: the SHA-256 of the course's file.
"""
import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from .contract import CHAPTER_PATTERN, COURSE_CHAPTERS, ROOT
from .._archive import write_atomically

DEFAULT_FOLDER = ROOT / "my_work"
MANIFEST = ".course_versions.json"


def file_hash(path):
    """SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def updated_name(path):
    """Where the course's newer version of a learner's notebook goes: NN_slug.updated.ipynb."""
    return path.with_name(f"{path.stem}.updated{path.suffix}")


def read_manifest(folder):
    """{notebook name: hash of the course's copy last copied}; empty for a new folder."""
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not (isinstance(manifest, dict)
                and all(isinstance(value, str) for value in manifest.values())):
            raise ValueError("it is not a list of notebook names and hashes")
    except (OSError, ValueError) as error:
        raise OSError(f"{path} is damaged ({error}): delete it and run this again "
                      "(your notebooks are kept)") from None
    return manifest


def sync(folder, course=COURSE_CHAPTERS):
    """Bring `folder` up to date; return {"added", "kept", "refreshed", "updated"} name lists
    and "skipped", {name: why that chapter was left as it is}.

    A notebook the learner saved is never written to. One whose course copy changed since it
    was copied (or, with no record of it, differs from the course's copy) gets the course's
    version beside it ("updated"), unless the learner saved work there too ("skipped"); a
    copy still exactly as copied is replaced ("refreshed"), unless it is read-only. Each
    chapter is synced on its own: one that cannot be is skipped, and the others go on.
    """
    chapters = sorted(course.glob(CHAPTER_PATTERN))
    if not chapters:
        raise OSError(f"no chapter notebooks in {course}: run this from the course's repository")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(folder)
    report = {"added": [], "kept": [], "refreshed": [], "updated": [], "skipped": {}}
    for chapter in chapters:
        digest = file_hash(chapter)
        try:
            outcome = sync_chapter(chapter, folder / chapter.name, digest,
                                   manifest.get(chapter.name))
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            outcome = f"could not be synced ({where}{error.strerror or error}): fix that and " \
                      f"run this again"
        if outcome in report:
            report[outcome].append(chapter.name)
            manifest[chapter.name] = digest
        else:
            report["skipped"][chapter.name] = f"{chapter.name} {outcome}"
    write_atomically(folder / MANIFEST,
                     json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8") + b"\n")
    return report


def sync_chapter(chapter, mine, digest, copied):
    """What sync does with one chapter: "added", "kept", "refreshed" or "updated", or why it
    leaves it as it is. ``digest`` is the hash of the course's copy, ``copied`` that of the
    copy made last time (None if there is no record)."""
    if os.path.islink(mine) and not mine.exists():
        return (f"is a link to {os.readlink(mine)}, which does not exist: remove the link (or "
                f"put the notebook back) and run this again")
    if not os.path.lexists(mine):
        write_atomically(mine, chapter.read_bytes())
        return "added"
    if not mine.is_file():
        kind = "a folder" if mine.is_dir() else "not a plain file"
        return f"is {kind}, not a notebook: rename it and run this again"
    mine_digest = file_hash(mine)
    if copied == digest or mine_digest == digest:
        return "kept"
    if copied == mine_digest and not mine.is_symlink() and mine.stat().st_mode & 0o222:
        write_atomically(mine, chapter.read_bytes())  # never saved since it was copied
        return "refreshed"
    beside = updated_name(mine)
    if os.path.lexists(beside) and not (beside.is_file() and file_hash(beside) == copied):
        return (f"changed in the course again, and {beside.name} holds work of yours (it is "
                f"not as this tool wrote it): rename it and run this again to get the new version")
    write_atomically(beside, chapter.read_bytes())
    return "updated"


def shown(path):
    """A path as printed: relative to the current folder when inside it."""
    path = path.resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def summary(folder, report):
    """What sync did, and what to open next, as lines to print."""
    lines = []
    if report["added"]:
        lines.append(f"copied {len(report['added'])} chapter(s) into {shown(folder)}/: "
                     + ", ".join(name[:2] for name in report["added"]))
    if report["kept"]:
        lines.append(f"kept your {len(report['kept'])} notebook(s) as they are")
    if report["refreshed"]:
        lines.append("replaced with the course's new version (you had not saved them): "
                     + ", ".join(name[:2] for name in report["refreshed"]))
    for name in report["updated"]:
        lines.append(f"chapter {name[:2]} changed in the course: its new version is "
                     f"{shown(updated_name(folder / name))} (yours is untouched)")
    for name, note in report["skipped"].items():
        lines.append(f"chapter {name[:2]} left as it is: {note}")
    manifest = read_manifest(folder)
    saved = [folder / name for name in report["kept"] + report["updated"]
             if file_hash(folder / name) != manifest[name]]  # not as the course has it: yours
    if saved:
        latest = max(saved, key=lambda path: path.stat().st_mtime)
        lines.append(f"next: jupyter lab {shown(latest)}   (the notebook you saved last)")
        where = "" if folder.resolve() == DEFAULT_FOLDER else f" {shown(folder)}"
        lines.append(f"see what you have done so far: python -m shared.course.progress{where}")
    elif manifest:
        lines.append(f"next: jupyter lab {shown(folder / min(manifest))}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER,
                        help="where your notebooks live (default: my_work/ in the repository)")
    args = parser.parse_args(argv)
    try:
        report = sync(args.folder)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(summary(args.folder, report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
