"""The grader's files: gradebook.csv, gradebook.md and feedback/LEARNER.md, each written
atomically (a temporary file renamed into place), whatever the learners' names hold.

A book is {learner's name: {"rows": [(chapter file, exercise id, verdict, message), ...],
"notes": [line, ...]}}; names are shown as text (bytes that are not UTF-8 as \\xNN escapes,
control characters escaped), and each learner's feedback file gets a safe, unique name.
"""
import csv
import io
import os
import re
import unicodedata
from pathlib import Path

from .._archive import write_atomically


def shown(name):
    """A folder or file name as printable text: bytes that are not UTF-8 and control
    characters escaped."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(char if unicodedata.category(char)[0] != "C" else
                   char.encode("unicode_escape").decode("ascii") for char in text)


def file_names(learners):
    """{learner: a file name of ASCII letters, digits, '.', '_' and '-', unique among them}."""
    names, taken = {}, set()
    for learner in learners:
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", learner).strip("._") or "learner"
        name, number = base[:80], 2
        while name.lower() in taken:
            name, number = f"{base[:80]}-{number}", number + 1
        taken.add(name.lower())
        names[learner] = name + ".md"
    return names


def _cell(text):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _markdown(text):
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def gradebook_csv(book):
    exercises = [id for _, id, _, _ in next(iter(book.values()))["rows"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["learner", *exercises, "passed", "exercises", "notes"])
    for learner, entry in book.items():
        verdicts = [verdict for _, _, verdict, _ in entry["rows"]]
        writer.writerow([_cell(learner), *verdicts, verdicts.count("pass"), len(verdicts),
                         _cell(" ".join(entry["notes"]))])
    return buffer.getvalue()


def gradebook_markdown(book):
    exercises = [id for _, id, _, _ in next(iter(book.values()))["rows"]]
    lines = ["# Gradebook", "",
             f"{len(book)} learners, {len(exercises)} exercises; "
             "every check ran its hidden cases too.",
             "", "| learner | " + " | ".join(exercises) + " | passed |",
             "| --- | " + " | ".join("---" for _ in exercises) + " | --- |"]
    for learner, entry in book.items():
        verdicts = [verdict for _, _, verdict, _ in entry["rows"]]
        lines.append(f"| {_markdown(learner)} | " + " | ".join(verdicts)
                     + f" | {verdicts.count('pass')} of {len(verdicts)} |")
    return "\n".join(lines) + "\n"


def feedback_markdown(learner, entry):
    rows = entry["rows"]
    passed = sum(verdict == "pass" for _, _, verdict, _ in rows)
    lines = [f"# Feedback for {learner}", "",
             f"{passed} of {len(rows)} exercises pass. Each check also tried inputs that the "
             "notebook does not show, so an answer must work in general, not only on the inputs "
             "you saw."]
    if entry["notes"]:
        lines += ["", *[f"- {note}" for note in entry["notes"]]]
    chapter = None
    for name, id, verdict, message in rows:
        if name != chapter:
            chapter = name
            lines += ["", f"## {name}"]
        text = message.rstrip().replace("```", "'''")
        lines += ["", f"### {id}: {verdict}", "", "```text", text, "```"]
    return "\n".join(lines) + "\n"


def write_reports(book, out):
    """Write gradebook.csv, gradebook.md and feedback/LEARNER.md into the folder `out`."""
    os.makedirs(os.path.join(out, "feedback"), exist_ok=True)
    names = file_names(book)
    for learner, entry in book.items():
        write_text(os.path.join(out, "feedback", names[learner]),
                   feedback_markdown(learner, entry))
    write_text(os.path.join(out, "gradebook.md"), gradebook_markdown(book))
    write_text(os.path.join(out, "gradebook.csv"), gradebook_csv(book))


def write_text(path, text):
    """Write `text` as UTF-8, atomically (shared._archive.write_atomically)."""
    write_atomically(Path(path), text.encode("utf-8"))
