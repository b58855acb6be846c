"""Metrics against small cases worked out by hand; every plot draws with a title and labels."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from shared import plots
from shared.metrics import (classification_report, confusion_matrix, macro_f1,
                            precision_recall_f1)

Y_TRUE = np.array([0, 0, 0, 1, 1, 2])
Y_PRED = np.array([0, 0, 1, 1, 2, 2])


def test_confusion_matrix_by_hand():
    np.testing.assert_array_equal(confusion_matrix(Y_TRUE, Y_PRED),
                                  [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
    assert confusion_matrix(Y_TRUE, Y_PRED, n_classes=4).shape == (4, 4)


def test_precision_recall_f1_by_hand():
    precision, recall, f1 = precision_recall_f1(confusion_matrix(Y_TRUE, Y_PRED))
    # class 0: 2 of 2 predictions right, 2 of 3 found; class 1: 1/2, 1/2; class 2: 1/2, 1/1.
    np.testing.assert_allclose(precision, [1, 0.5, 0.5])
    np.testing.assert_allclose(recall, [2 / 3, 0.5, 1])
    np.testing.assert_allclose(f1, [0.8, 0.5, 2 / 3])
    assert macro_f1(confusion_matrix(Y_TRUE, Y_PRED)) == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)


def test_a_class_never_predicted_scores_zero_not_nan():
    precision, recall, f1 = precision_recall_f1(confusion_matrix([0, 1], [0, 0], n_classes=2))
    assert precision[1] == 0 and recall[1] == 0 and f1[1] == 0


def test_confusion_matrix_rejects_out_of_range_classes():
    with pytest.raises(ValueError, match=r"Class indices must be in \[0, 2\)"):
        confusion_matrix([0, 2], [0, 1], n_classes=2)
    with pytest.raises(ValueError, match="same length"):
        confusion_matrix([0, 1], [0])


def test_classification_report_lists_every_class():
    report = classification_report(Y_TRUE, Y_PRED, ["cat", "dog", "bird"])
    lines = report.splitlines()
    assert lines[0].split() == ["class", "precision", "recall", "f1", "support"]
    assert lines[1].split() == ["cat", "1.000", "0.667", "0.800", "3"]
    assert lines[-1].split() == ["accuracy", "0.667"]


def labelled(fig):
    """Every axes with data (colour bars aside) has a title and axis labels."""
    axes = [ax for ax in fig.axes if ax.has_data() and ax.get_label() != "<colorbar>"]
    return axes and all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in axes)


def test_every_plot_is_labelled():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((30, 2)), np.arange(30) % 3
    history = {"loss": [1.0, 0.5], "accuracy": [0.5, 0.8], "val_loss": [1.1, 0.6],
               "val_accuracy": [0.4, 0.7]}
    images = rng.integers(0, 255, (4, 28, 28))
    figures = [
        plots.plot_dataset(X, y),
        plots.plot_decision_boundary(lambda grid: grid @ np.ones((2, 3)), X, y, resolution=20),
        plots.plot_history(history),
        plots.plot_confusion_matrix(confusion_matrix(Y_TRUE, Y_PRED), ["a", "b", "c"]),
        plots.plot_weight_histograms({"none": rng.standard_normal(50),
                                      "L2": rng.standard_normal(50)}),
    ]
    assert all(labelled(fig) for fig in figures)
    grid = plots.plot_images(images, [0, 1, 2, 3], ["a", "b", "c", "d"], predictions=[0, 1, 0, 3])
    titles = [ax.get_title() for ax in grid.axes if ax.get_title()]
    assert titles[2] == "c\npred: a" and [ax.title.get_color() for ax in grid.axes][2] == "red"
    plt.close("all")


def test_weight_histograms_share_their_bins():
    fig = plots.plot_weight_histograms({"narrow": np.linspace(-0.1, 0.1, 50),
                                        "wide": np.linspace(-2.0, 2.0, 50)}, bins=20)
    narrow, wide = fig.axes[0].containers
    assert [bar.get_x() for bar in narrow] == [bar.get_x() for bar in wide]
    plt.close(fig)
