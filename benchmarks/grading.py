"""How much does the sandbox cost? A class graded with and without it, side by side.

Makes a class of LEARNERS learners who each hand in the worked solutions of the chapters
(solutions/NN_*.ipynb, which the grader finds exercises in by the names they define), then
grades it with ``python -m shared.course.grade`` twice: in the sandbox, and with
--unsafe-no-sandbox. The runs alternate (sandboxed first in odd rounds, last in even ones),
so that other load on the machine slows both alike. Every exercise must pass in both.

    python benchmarks/grading.py [--learners 30] [--chapters 01 02 03 04 05] [--rounds 1]

Exits with status 1 if the sandboxed run takes more than 1.5x the other, or an exercise fails.
"""
import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 1.5  # the sandboxed run may take at most this many times the unsandboxed one


def make_class(folder, learners, chapters):
    for index in range(learners):
        learner = folder / f"learner{index + 1:02d}"
        learner.mkdir(parents=True)
        for chapter in chapters:
            (solution,) = (ROOT / "solutions").glob(f"{chapter}_*.ipynb")
            shutil.copy(solution, learner / solution.name)


def grade(submissions, out, sandboxed, jobs):
    command = [sys.executable, "-m", "shared.course.grade", str(submissions), "--out", str(out)]
    command += ["--jobs", str(jobs)] if jobs else []
    command += [] if sandboxed else ["--unsafe-no-sandbox"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    with open(out / "gradebook.csv", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    verdicts = [verdict for row in rows[1:] for verdict in row[1:-3]]
    shutil.rmtree(out)
    return seconds, verdicts.count("pass"), len(verdicts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--chapters", nargs="+", default=["01", "02", "03", "04", "05"])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (default: cores)")
    args = parser.parse_args(argv)
    times = {True: [], False: []}
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        submissions = Path(folder) / "class"
        make_class(submissions, args.learners, args.chapters)
        print(f"{args.learners} learners x chapters {', '.join(args.chapters)} = "
              f"{args.learners * len(args.chapters)} notebooks; {os.cpu_count()} cores, "
              f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
        for round in range(args.rounds):
            for sandboxed in ([True, False] if round % 2 == 0 else [False, True]):
                out = Path(folder) / "out"
                seconds, passed, total = grade(submissions, out, sandboxed, args.jobs)
                times[sandboxed].append(seconds)
                ok &= passed == total
                print(f"round {round + 1}, {'sandboxed  ' if sandboxed else 'no sandbox '}: "
                      f"{seconds:7.1f} s, {passed} of {total} exercises pass")
    ratio = sum(times[True]) / sum(times[False])
    print(f"sandboxed / no sandbox: {ratio:.2f} (limit {LIMIT})")
    return 0 if ok and ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
