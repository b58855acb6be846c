"""What the exercise tests (tests/test_exercises_*.py) share: an exercise's answer taken from a
chapter notebook, a check run on an answer, what a check hands to run_check, its grading-only
module, and the learner who answers from a table of the inputs the course ships."""
import ast
import importlib

import make_chapters
import numpy as np
from nbtools import read

from shared.checks import collect_results, evaluate, grading
from shared.checks.limits import changed

PLAIN = (bool, int, float, str, type(None), np.ndarray, np.generic)  # what a `call=` may return


def notebook_path(folder, chapter):
    """The path of chapter `chapter`'s notebook in `folder` (make_chapters.SOLUTIONS or
    make_chapters.CHAPTERS)."""
    (path,) = folder.glob(f"{int(chapter):02d}_*.ipynb")
    return path


def solutions_notebook(chapter):
    """The worked notebook of chapter `chapter`, read from solutions/."""
    return read(notebook_path(make_chapters.SOLUTIONS, chapter))


def defined(folder, chapter, name):
    """The function or class `name` as chapter `chapter`'s notebook in `folder` defines it.

    Exactly one code cell must define `name`. The imports and the function and class
    definitions of every code cell up to that one run, in order, so that the answer has the
    imports, the helper functions and the earlier exercises the notebook gives it; nothing
    else of the notebook runs.
    """
    path = notebook_path(folder, chapter)
    cells = [ast.parse(cell.source) for cell in read(path).cells if cell.cell_type == "code"]
    defining = [index for index, tree in enumerate(cells)
                if any(getattr(node, "name", None) == name for node in tree.body)]
    assert len(defining) == 1, f"{path.name} has {len(defining)} cells defining {name}"
    kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)
    namespace = {}
    for tree in cells[:defining[0] + 1]:
        definitions = ast.Module([node for node in tree.body if isinstance(node, kinds)], [])
        exec(compile(definitions, str(path), "exec"), namespace)  # the course's own notebooks
    return namespace[name]


def solution(chapter, name):
    """The worked answer `name` of chapter `chapter`, from solutions/."""
    return defined(make_chapters.SOLUTIONS, chapter, name)


def result_of(check, answer, *, graded=True, seed=None):
    """The one Result of `check(answer)`: as grading runs it (grading-only inputs included, the
    fresh ones drawn with `seed`, a new seed if None), or as a notebook does if not `graded`."""
    with collect_results() as results:
        if graded:
            with grading(seed=seed):
                check(answer)
        else:
            check(answer)
    assert len(results) == 1, f"{check.__name__} gave {len(results)} results"
    return results[0]


def stub(*args, **kwargs):
    """An unwritten exercise: raises what the stub of a learner's copy raises."""
    raise NotImplementedError("exercise: write this exercise")


def recorded(check, answer=stub):
    """What `check(answer)` hands to run_check, which does not run: a dict of title, fn, cases
    (a list), call, compare, parts and may_change."""
    module = importlib.import_module(check.__module__)
    calls = []

    def keep(title, fn, cases, *, call=None, compare=None, parts=None, may_change=()):
        calls.append(dict(title=title, fn=fn, cases=list(cases), call=call, compare=compare,
                          parts=parts, may_change=may_change))

    original, module.run_check = module.run_check, keep
    try:
        check(answer)
    finally:
        module.run_check = original
    assert len(calls) == 1, f"{check.__name__} called run_check {len(calls)} times"
    return calls[0]


def evaluate_recorded(check_call, fn, call, *, cases=None, extra=(), seed=0):
    """The Result of evaluate() as grading runs it with `seed`, on what `check_call` (from
    recorded) holds: its title, compare, parts and may_change, and its cases unless `cases` are
    given; `fn` and `call` for the answer; `extra` cases added as grading-only ones."""
    for case in extra:
        case.hidden = True
    with grading(seed=seed):
        return evaluate(check_call["title"], fn,
                        check_call["cases"] if cases is None else cases, call=call,
                        compare=check_call["compare"], parts=check_call["parts"],
                        may_change=check_call["may_change"], extra=extra)


def hidden_module(check):
    """The grading-only module of `check` (a check function or its module): the module of the
    same name under shared/checks/hidden/, with its HIDDEN and FRESH cases."""
    name = check.__module__ if callable(check) else check.__name__
    return importlib.import_module(name.replace("shared.checks.", "shared.checks.hidden.", 1))


def same_input(a, b):
    """Whether two inputs are the same value: arrays by shape, dtype and values (NaN equal to
    NaN), containers item by item, objects attribute by attribute (shared.checks.limits)."""
    return not changed(a, b)


def is_plain(value):
    """Whether `value` is plain data, all a check's `call=` may return: PLAIN values and tuples,
    lists and dicts of them."""
    if isinstance(value, (tuple, list)):
        return all(is_plain(item) for item in value)
    if isinstance(value, dict):
        return all(is_plain(item) for item in value.values())
    return isinstance(value, PLAIN)


def table_answer(known, answer, otherwise):
    """The answer of a learner who copied a table: called with the input of one of the `known`
    cases it returns answer(that case); with any other input, otherwise(*args, **kwargs)."""
    def looked_up(*args, **kwargs):
        for case in known:
            if same_input((tuple(case.args), case.kwargs), (args, kwargs)):
                return answer(case)
        return otherwise(*args, **kwargs)

    return looked_up


def expected_answers_table(check, seed):
    """The Results, as grading runs them with `seed`, of a learner who copied the expected
    answers of the visible and fixed grading inputs of `check` (the first one's for any other
    input): on those inputs alone, then with the fresh inputs of `seed` added."""
    check_call, hidden = recorded(check), hidden_module(check)
    title = check_call["title"]
    known = [*check_call["cases"], *hidden.HIDDEN[title]()]
    table = table_answer(known, lambda case: case.expected,
                         lambda *args, **kwargs: known[0].expected)

    def look_up(fn, *args, **kwargs):
        return table(*args, **kwargs)

    fresh = hidden.FRESH[title](np.random.default_rng(seed))
    return (evaluate_recorded(check_call, None, look_up, cases=known, seed=seed),
            evaluate_recorded(check_call, None, look_up, cases=known, extra=fresh, seed=seed))
