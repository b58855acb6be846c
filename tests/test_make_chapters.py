"""Tests of tools/make_chapters.py and tools/nbtools.py, and of the committed notebooks' form.

The pure transformation is tested on notebooks built here; the whole flow (run, generate,
--check) on the miniature course in tests/fixtures; and every committed notebook in
solutions/ and chapters/ is checked to be what the tool makes.
"""
import copy
import re
import shutil

import make_chapters
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbtools import NotebookError, make_learner_copy, normalize, read, stub_source, write
from nbval.plugin import coalesce_streams, get_sanitize_patterns

ROOT = make_chapters.ROOT
FIXTURE_SOLUTION = ROOT / "tests" / "fixtures" / "solutions" / "01_example.ipynb"
FIXTURE_CHAPTER = ROOT / "tests" / "fixtures" / "chapters" / "01_example.ipynb"
SOLUTIONS = sorted(make_chapters.SOLUTIONS.glob("*.ipynb"))
CHAPTERS = sorted(make_chapters.CHAPTERS.glob("*.ipynb"))


def relative(path):
    return str(path.relative_to(ROOT))


def exercise_notebook(*cells):
    """A notebook: a narrative cell with an output, then the given cells (sources or cells)."""
    hello = new_output("stream", text="hello\n")
    narrative = new_code_cell("print('hello')", execution_count=1, outputs=[hello])
    cells = [new_code_cell(cell) if isinstance(cell, str) else cell for cell in cells]
    return normalize(new_notebook(cells=[narrative, *cells]))


# --- stubs -------------------------------------------------------------------------------


def test_stub_keeps_the_region_indentation_and_names_the_function():
    source = ('def relu(x):\n    """Doc."""\n'
              "    ### BEGIN SOLUTION\n    return max(0, x)\n    ### END SOLUTION\n")
    assert stub_source(source, "code") == (
        'def relu(x):\n    """Doc."""\n'
        '    # YOUR CODE HERE\n    raise NotImplementedError("relu: write this exercise")\n'
    )


def test_stub_names_a_method_by_class_and_method_and_replaces_every_region():
    source = (
        "class Layer:\n"
        "    def forward(self, x):\n"
        "        ### BEGIN SOLUTION\n        self.output = x\n        ### END SOLUTION\n\n"
        "    def backward(self, d):\n        if d is not None:\n"
        "            ### BEGIN SOLUTION\n            self.dinputs = d\n"
        "            ### END SOLUTION\n"
        "        return self"
    )
    stub = stub_source(source, "code")
    assert '        raise NotImplementedError("Layer.forward: write this exercise")\n' in stub
    assert ("            # YOUR CODE HERE\n"
            '            raise NotImplementedError("Layer.backward: write this exercise")\n'
            ) in stub
    assert "self.output = x" not in stub and "self.dinputs = d" not in stub
    assert stub.endswith("        return self")


def test_a_region_outside_any_function_is_named_exercise():
    stub = stub_source("def f():\n    pass\n### BEGIN SOLUTION\nx = 42\n### END SOLUTION", "code")
    assert stub == ("def f():\n    pass\n"
                    '# YOUR CODE HERE\nraise NotImplementedError("exercise: write this exercise")')


def test_markdown_region_becomes_a_prompt_at_the_same_indentation():
    source = "Why?\n\n- answer:\n  ### BEGIN SOLUTION\n  Because.\n  ### END SOLUTION\n- done"
    assert stub_source(source, "markdown") == ("Why?\n\n- answer:\n  *Write your answer here.*\n"
                                               "- done")


@pytest.mark.parametrize(
    "source, error",
    [
        ("def f():\n    ### BEGIN SOLUTION\n    return 1\n", "has no '### END SOLUTION' after it"),
        ("def f():\n    return 1\n    ### END SOLUTION\n", "has no '### BEGIN SOLUTION' before it"),
        ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n"
         "    ### END SOLUTION\n    ### END SOLUTION", "nested"),
        ("def f():\n    ## BEGIN SOLUTION\n    return 1\n    ### END SOLUTION",
         "looks like a marker"),
    ],
    ids=["begin-without-end", "end-without-begin", "nested", "misspelt"],
)
def test_bad_markers_are_an_error_naming_notebook_and_cell(source, error):
    nb = exercise_notebook(source, "check_f(f)")
    where = re.escape("solutions/07_x.ipynb, cell 2 (`def f():`): ")
    with pytest.raises(NotebookError, match=where + ".*" + error):
        make_learner_copy(nb, "solutions/07_x.ipynb")


def test_bad_markers_in_markdown_are_an_error_too():
    nb = exercise_notebook(new_markdown_cell("Why?\n### BEGIN SOLUTION\nBecause."))
    with pytest.raises(NotebookError, match=r"nb\.ipynb, cell 2 \(`Why\?`\)"):
        make_learner_copy(nb, "nb.ipynb")


@pytest.mark.parametrize("following", [None, "print(f(1))", "check_f(f)\nprint('also')"],
                         ids=["none", "narrative", "impure"])
def test_an_exercise_must_be_followed_by_a_check_cell(following):
    exercise = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
    nb = exercise_notebook(exercise, following) if following else exercise_notebook(exercise)
    with pytest.raises(NotebookError, match="cell 2 .* must be followed by its check cell"):
        make_learner_copy(nb, "nb.ipynb")


# --- outputs ------------------------------------------------------------------------------


def test_learner_copy_clears_exercise_and_check_cells_and_keeps_everything_else():
    solutions = read(FIXTURE_SOLUTION)
    original = copy.deepcopy(solutions)
    learner, cleared = make_learner_copy(solutions, "fixture")
    assert solutions == original, "the solutions notebook must not be changed"
    assert cleared == [4, 5, 7, 8]
    changed = [i for i, (a, b) in enumerate(zip(solutions.cells, learner.cells))
               if a.source != b.source]
    assert changed == [4, 7, 9], "only the cells with solution regions change source"
    for index, (before, after) in enumerate(zip(copy.deepcopy(solutions.cells), learner.cells)):
        if index in cleared:
            assert after.get("outputs") == [] and after.execution_count is None
        else:
            del before["source"], after["source"]
            assert after == before, "outputs, counts, ids and metadata are kept"
    assert learner.metadata == solutions.metadata


def test_exercise_cells_carry_their_ids_checks_and_answers():
    learner, _ = make_learner_copy(read(FIXTURE_SOLUTION),
                                   "tests/fixtures/solutions/01_example.ipynb")
    tagged = {index: cell.metadata["nnfs_course"] for index, cell in enumerate(learner.cells)
              if "nnfs_course" in cell.metadata}
    assert tagged == {
        4: {"exercises": [{"id": "01.relu", "check": "example_checks.check_relu",
                           "answer": "relu"}]},
        7: {"exercises": [{"id": "01.dense_forward", "check": "example_checks.check_dense_forward",
                           "answer": "Layer_Dense"}]},
    }


def test_a_check_cell_with_two_calls_tags_two_exercises():
    nb = exercise_notebook("from shared.checks.ch16 import check_a, check_b",
                           "class Loss:\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION",
                           "check_a(Loss)\ncheck_b(Loss)")
    learner, _ = make_learner_copy(nb, "solutions/16_x.ipynb")
    entries = learner.cells[2].metadata["nnfs_course"]["exercises"]
    assert [entry["id"] for entry in entries] == ["16.a", "16.b"]


@pytest.mark.parametrize("imports, check, error", [
    ("import shared.checks.ch07", "check_f(f)",
     "check_f must be imported with `from module import check_f`"),
    ("from shared.checks.ch07 import check_f", "check_f(lambda x: x)",
     "a check call takes one argument"),
], ids=["not-imported", "not-a-name"])
def test_a_check_the_grader_could_not_find_is_an_error(imports, check, error):
    exercise = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
    nb = exercise_notebook(imports, exercise, check)
    with pytest.raises(NotebookError, match=re.escape(f"cell 4 (`{check}`): {error}")):
        make_learner_copy(nb, "solutions/07_x.ipynb")


# --- normalizing and writing ------------------------------------------------------------


def messy_notebook():
    """A notebook as a personal Jupyter setup might save it."""
    nb = new_notebook(cells=[new_markdown_cell("# Title"), new_code_cell("x = 1"),
                             new_code_cell("  \n"), new_markdown_cell("")])
    nb.nbformat_minor = 4
    for cell in nb.cells:
        del cell["id"]
    nb.cells[1].metadata.update(execution={"iopub.execute_input": "2024-01-01T00:00:00Z"},
                                tags=["keep-me"], scrolled=True)
    nb.metadata = {
        "kernelspec": {"name": "my-venv", "display_name": "Python (my-venv)", "language": "python"},
        "language_info": {"name": "python", "version": "3.11.7", "file_extension": ".py"},
        "vscode": {"interpreter": {"hash": "/home/someone/.venv"}},
    }
    return nb


def test_normalize_gives_the_canonical_form():
    nb = normalize(messy_notebook())
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert nb.metadata == {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                       "language": "python"},
        "language_info": {"name": "python"},
    }
    assert [cell.source for cell in nb.cells] == ["# Title", "x = 1"], "no empty trailing cells"
    assert nb.cells[1].metadata == {"tags": ["keep-me"]}
    assert len({cell.id for cell in nb.cells}) == 2
    nbformat.validate(nb)


def test_normalize_is_stable_and_idempotent():
    first, second = normalize(messy_notebook()), normalize(messy_notebook())
    assert first == second, "ids derived from content, not random"
    assert normalize(copy.deepcopy(first)) == first


def test_duplicate_ids_are_replaced():
    nb = normalize(new_notebook(cells=[new_code_cell("a"), new_code_cell("b")]))
    nb.cells[1].id = nb.cells[0].id
    assert len({cell.id for cell in normalize(nb).cells}) == 2


def test_write_is_indented_with_a_trailing_newline_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "nb.ipynb"
    nb = normalize(messy_notebook())
    write(nb, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n "cells": [\n') and text.endswith("}\n")
    assert read(path) == nb
    assert [p.name for p in tmp_path.iterdir()] == ["nb.ipynb"]


# --- the whole flow on the miniature course -----------------------------------------------


def test_fixture_chapter_is_what_the_tool_generates():
    assert make_chapters.differences(FIXTURE_SOLUTION, FIXTURE_CHAPTER) == []


def test_differences_name_the_cell_that_was_edited(tmp_path):
    chapter = read(FIXTURE_CHAPTER)
    chapter.cells[2].source += "\nprint('edited by hand')"
    write(chapter, tmp_path / FIXTURE_CHAPTER.name)
    found = make_chapters.differences(FIXTURE_SOLUTION, tmp_path / FIXTURE_CHAPTER.name)
    assert found == ["cell 3: different source"]
    assert make_chapters.differences(FIXTURE_SOLUTION, tmp_path / "missing.ipynb") != []


def test_running_the_learner_copy_reproduces_the_committed_fixture(tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "example_checks.py", tmp_path)  # imported from ".."
    chapter, _ = make_chapters.build_chapter(FIXTURE_SOLUTION, tmp_path / "chapters")
    assert normalize(chapter) == read(FIXTURE_CHAPTER)


@pytest.fixture
def mini_course(tmp_path, monkeypatch):
    """The fixture course copied to tmp_path, its solutions without outputs, as the tool's root."""
    shutil.copy(ROOT / "tests" / "fixtures" / "example_checks.py", tmp_path)
    nb = read(FIXTURE_SOLUTION)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    write(nb, tmp_path / "solutions" / FIXTURE_SOLUTION.name)
    monkeypatch.setattr(make_chapters, "ROOT", tmp_path)
    monkeypatch.setattr(make_chapters, "SOLUTIONS", tmp_path / "solutions")
    monkeypatch.setattr(make_chapters, "CHAPTERS", tmp_path / "chapters")
    return tmp_path


def test_execute_then_generate_then_check(mini_course, capsys):
    assert make_chapters.main(["--check"]) == 1
    assert "chapters/01_example.ipynb is missing" in capsys.readouterr().out
    assert make_chapters.main(["--execute", "1"]) == 0
    assert make_chapters.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    solutions = read(mini_course / "solutions" / "01_example.ipynb")
    chapter = read(mini_course / "chapters" / "01_example.ipynb")
    assert solutions.cells[5].outputs[0].text.startswith("✅ relu: correct")
    assert chapter.cells[5].outputs[0].text.startswith("⏳ relu: not attempted yet.")
    bar = solutions.cells[11].outputs[0].text
    assert bar.startswith("training: 100%") and "\r" not in bar, "streams stored as nbval sees them"


def test_check_reports_stale_and_orphan_chapters_with_the_fix(mini_course, capsys):
    make_chapters.main(["01"])
    chapter = read(mini_course / "chapters" / "01_example.ipynb")
    chapter.cells[0].source = "# Edited"
    write(chapter, mini_course / "chapters" / "01_example.ipynb")
    shutil.copy(mini_course / "chapters" / "01_example.ipynb",
                mini_course / "chapters" / "02_gone.ipynb")
    assert make_chapters.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "chapters/01_example.ipynb differs" in out and "cell 1: different source" in out
    assert "fix: python tools/make_chapters.py 01" in out
    assert "chapters/02_gone.ipynb has no source" in out


def test_unknown_chapter_number_is_an_error(mini_course, capsys):
    assert make_chapters.main(["05"]) == 1
    assert "no single notebook solutions/05_*.ipynb" in capsys.readouterr().err


# --- the sanitizing rules for nbval -------------------------------------------------------

SANITIZE = get_sanitize_patterns(
    (ROOT / "tests" / "nbval_sanitize.cfg").read_text(encoding="utf-8"))


def as_nbval_compares(*chunks):
    """A cell's stdout chunks as nbval compares them: joined, `\\r` applied, rules applied."""
    outputs = [nbformat.from_dict({"output_type": "stream", "name": "stdout", "text": chunk})
               for chunk in chunks]
    text = coalesce_streams(outputs)[0].text
    for regex, replace in SANITIZE:
        text = re.sub(regex, replace, text)
    return text


def test_tqdm_bars_from_two_runs_compare_equal():
    # Chunks as nbclient records a std tqdm bar written to sys.stdout in a notebook.
    first = ["\rtrain:   0%|          | 0/200 [00:00<?, ?batch/s]",
             "\rtrain:  16%|█▋        | 33/200 [00:00<00:00, 313.25batch/s, loss=0.030]",
             "\rtrain: 100%|██████████| 200/200 [00:00<00:00, 349.69batch/s, loss=0.005]",
             "\nafter\n"]
    second = ["\rtrain:   0%|          | 0/200 [00:00<?, ?batch/s]",
              "\rtrain: 100%|██████████| 200/200 [00:01<00:00, 99.10batch/s, loss=0.005]",
              "\nafter\n"]
    assert as_nbval_compares(*first) == as_nbval_compares(*second) == (
        "train: 100%|██████████| 200/200 [TIME, RATE, loss=0.005]\nafter\n"
    )
    slow = as_nbval_compares("\r100%|██████████| 3/3 [1:00:03<00:00,  1.10s/it]\n")
    assert slow == "100%|██████████| 3/3 [TIME, RATE]\n"
    assert as_nbval_compares("\r30.0it [00:00, 97.3it/s]\n") == "30.0it [TIME, RATE]\n"


def test_what_the_rules_leave_alone_is_still_compared():
    assert as_nbval_compares("\rtrain: 100%| 2/2 [00:00<00:00, 9.1it/s, loss=0.006]\n") != (
        as_nbval_compares("\rtrain: 100%| 2/2 [00:00<00:00, 9.1it/s, loss=0.005]\n"))
    untouched = "[1, 2, 3] [00:01] 0xff took 3 steps\n"
    assert as_nbval_compares(untouched) == untouched


def test_a_bar_that_wipes_itself_compares_equal_whatever_its_width():
    wide = ["\rlast: 100%|██████████| 20/20 [00:00<00:00, 97.71it/s]", "\r" + " " * 53, "\r"]
    narrow = ["\rlast: 100%|██████████| 20/20 [00:00<00:00, 7.71it/s]", "\r" + " " * 52, "\r"]
    assert as_nbval_compares(*wide) == as_nbval_compares(*narrow)


def test_addresses_and_timings_are_masked():
    assert as_nbval_compares("<__main__.A at 0x7f84c0bc26d0>\n") == "<__main__.A at 0xADDRESS>\n"
    assert (as_nbval_compares("epoch 3 took 1.52 s, loss 0.25\n")
            == "epoch 3 took <time>, loss 0.25\n")


# --- every committed notebook -------------------------------------------------------------


@pytest.mark.parametrize("name", sorted({p.name for p in SOLUTIONS + CHAPTERS}))
def test_chapter_is_what_make_chapters_generates(name):
    solution, chapter = make_chapters.SOLUTIONS / name, make_chapters.CHAPTERS / name
    assert solution.exists(), f"chapters/{name} has no source: delete it or add solutions/{name}"
    found = make_chapters.differences(solution, chapter)
    fix = f"python tools/make_chapters.py {name[:2]}"
    assert not found, f"chapters/{name} is stale ({'; '.join(found)}): run {fix}"


@pytest.mark.parametrize("path", SOLUTIONS + CHAPTERS + [FIXTURE_SOLUTION, FIXTURE_CHAPTER],
                         ids=relative)
def test_notebook_file_is_clean(path):
    nb = read(path)
    fix = f"run python tools/make_chapters.py --execute {path.name[:2]}"
    assert normalize(copy.deepcopy(nb)) == nb, \
        f"not in canonical form (metadata, ids, empty cells): {fix}"
    assert path.read_text(encoding="utf-8") == nbformat.writes(nb) + "\n", \
        f"not as the tool writes: {fix}"
    code = [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), f"not run top to bottom in one go: {fix}"
    for index, cell in enumerate(nb.cells):
        where = f"cell {index + 1} of {relative(path)}"
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{where} stores an error"
            assert output.get("name") != "stderr", \
                f"{where} writes to stderr: {output.text[:300]!r}"
            images = [kind for kind in output.get("data", {}) if kind.startswith("image/")]
            assert images in ([], ["image/png"]), \
                f"{where} shows a figure as {images}, not PNG only"
