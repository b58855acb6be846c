"""Predict-then-run: the comparison says how close a prediction was, and never raises."""
import numpy as np
import pytest

from shared.checks.predictions import closeness, compare_prediction


@pytest.mark.parametrize("predicted, actual, start", [
    (1.05, 1.0, "spot on"),
    (np.float32(0.5), 1.0, "you predicted 0.5, the run gave 1: 2 times too low"),
    (3.0, 1.0, "you predicted 3, the run gave 1: 3 times too high"),
    (-1.0, 2.0, "you predicted -1, the run gave 2: off by 3"),
    (0.05, 0.0, "spot on"),
    (True, True, "right"),
    (True, False, "not quite"),
    ("train", "test", "not quite"),
    ("1", 1.0, "not quite"),
    (float("nan"), 1.0, "your prediction nan is not a finite number"),
])
def test_closeness(predicted, actual, start):
    assert closeness(predicted, actual).startswith(start)


def test_an_unwritten_prediction_gets_a_nudge_and_the_answer(capsys):
    compare_prediction(None, 0.4031, "the accuracy")
    assert capsys.readouterr().out == ("💭 the accuracy: no prediction written down (it is still "
                                       "None). The run gave 0.4031.\n")


def test_a_value_that_cannot_be_compared_is_answered_not_raised(capsys):
    class Odd:
        def __eq__(self, other):
            raise RuntimeError

    compare_prediction(Odd(), "x", "a word")
    assert "not quite" in capsys.readouterr().out
