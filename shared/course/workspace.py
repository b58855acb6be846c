"""Your own copy of the course's notebooks, ``python -m shared.course.workspace [FOLDER]``.

Work in a copy, not in ``chapters/``: the course's copies stay as released, so the tests
(which check the course itself) keep passing and an updated course never collides with
your answers. The first run copies every chapter into FOLDER (default: ``my_work/`` at the
repository's root, which git ignores). Each later run

- adds the chapters that are new in the course,
- never overwrites a notebook of yours: where the course's copy of a chapter changed since
  it was copied, it writes the new version beside yours, as ``NN_slug.updated.ipynb``, for
  you to compare or switch to (a copy you never saved is simply replaced by the new one).

A small manifest in FOLDER (``.course_versions.json``) remembers which version of each
chapter was copied: the SHA-256 of the course's file.
"""
import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

from .contract import CHAPTER_PATTERN, COURSE_CHAPTERS, ROOT

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
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OSError(f"{path} is damaged ({error}): delete it and run this again "
                      "(your notebooks are kept)") from None


def sync(folder, course=COURSE_CHAPTERS):
    """Bring `folder` up to date; return {"added", "kept", "refreshed", "updated"} name lists.

    A notebook the learner saved is never written to. One whose course copy changed since it
    was copied (or, with no record of it, differs from the course's copy) gets the course's
    version beside it ("updated"); a copy still exactly as copied is replaced ("refreshed").
    """
    chapters = sorted(course.glob(CHAPTER_PATTERN))
    if not chapters:
        raise OSError(f"no chapter notebooks in {course}: run this from the course's repository")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(folder)
    report = {"added": [], "kept": [], "refreshed": [], "updated": []}
    for chapter in chapters:
        mine, digest = folder / chapter.name, file_hash(chapter)
        if not mine.exists():
            shutil.copyfile(chapter, mine)
            report["added"].append(chapter.name)
        elif manifest.get(chapter.name) == digest or file_hash(mine) == digest:
            report["kept"].append(chapter.name)
        elif manifest.get(chapter.name) == file_hash(mine):  # never saved since it was copied
            shutil.copyfile(chapter, mine)
            report["refreshed"].append(chapter.name)
        else:
            shutil.copyfile(chapter, updated_name(mine))
            report["updated"].append(chapter.name)
        manifest[chapter.name] = digest
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
    return report


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
    manifest = read_manifest(folder)
    saved = [folder / name for name in report["kept"] + report["updated"]
             if file_hash(folder / name) != manifest[name]]  # not as the course has it: yours
    if saved:
        latest = max(saved, key=lambda path: path.stat().st_mtime)
        lines.append(f"next: jupyter lab {shown(latest)}   (the notebook you saved last)")
        where = "" if folder.resolve() == DEFAULT_FOLDER else f" {shown(folder)}"
        lines.append(f"see what you have done so far: python -m shared.course.progress{where}")
    else:
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
