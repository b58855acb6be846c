"""Every exercise of the course can be graded: its check plans in the grader's process, its
grading-only cases hold fixed edge cases and fresh ones that change with the run's seed, and
every input crosses to a kernel (it pickles, as the grader sends it, without naming a
hidden module, which the kernel cannot import)."""
import pickle

import pytest

from shared.checks import hidden_module_name
from shared.course.contract import CHAPTER_PATTERN, COURSE_CHAPTERS
from shared.course.judging import plan
from shared.course.notebook import course_exercises

EXERCISES = [entry for chapter in sorted(COURSE_CHAPTERS.glob(CHAPTER_PATTERN))
             for entry in course_exercises(chapter)]


def test_every_chapter_has_exercises():
    chapters = {entry["id"][:2] for entry in EXERCISES}
    assert chapters == {f"{number:02d}" for number in range(1, 23)}


@pytest.mark.parametrize("entry", EXERCISES, ids=lambda entry: entry["id"])
def test_the_check_has_fixed_and_fresh_grading_cases(entry):
    visible = plan(entry["check"], grading=False, seed=0)
    first, second = (plan(entry["check"], grading=True, seed=seed) for seed in (1, 2))
    module = entry["check"].rsplit(".", 1)[0]
    hidden = __import__(hidden_module_name(module), fromlist=["_"])
    assert visible.title in hidden.HIDDEN and hidden.HIDDEN[visible.title](), "no fixed cases"
    assert visible.title in hidden.FRESH, "no fresh cases"
    extra = len(first.cases) - len(visible.cases)
    assert extra > len(hidden.HIDDEN[visible.title]()), "FRESH drew no case"
    fresh_inputs = [pickle.dumps((case.args, case.kwargs)) for case in first.cases[-1:]]
    other_inputs = [pickle.dumps((case.args, case.kwargs)) for case in second.cases[-1:]]
    assert fresh_inputs != other_inputs, "the fresh cases are the same for two seeds"
    for case in first.cases:  # what the grader sends to the kernel, which cannot import
        sent = pickle.dumps((case.args, case.kwargs))  # the hidden modules
        assert b"shared.checks.hidden" not in sent, f"{case.label} needs a hidden module"
