"""Every plot the chapters show. Each function draws one figure and returns it;
in a notebook, end the cell with ``plt.show()``."""
import matplotlib.pyplot as plt
import numpy as np


def _new_axes(ax, figsize=(5, 5)):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    return ax.figure, ax


def plot_dataset(X, y, *, title="Dataset", ax=None):
    """Chapter 3: a 2-D dataset, one colour per class."""
    fig, ax = _new_axes(ax)
    y = np.asarray(y).ravel()
    classes = np.unique(y)
    colors = plt.get_cmap("brg")(np.linspace(0, 1, len(classes)))
    for cls, color in zip(classes, colors):
        points = X[y == cls]
        ax.scatter(points[:, 0], points[:, 1], s=12, color=color, label=f"class {cls}")
    ax.set(title=title, xlabel="x1", ylabel="x2")
    ax.legend(loc="upper right", fontsize="small")
    return fig


def plot_decision_boundary(predict, X, y, *, title="Decision boundary", ax=None, resolution=200):
    """Chapter 11: the class ``predict`` gives every point of the plane, under the data.

    ``predict`` maps an (n, 2) array to class indices or to per-class scores, such as
    ``model.predict``; scores are turned into classes by argmax (or > 0.5 for one column).
    """
    fig, ax = _new_axes(ax)
    margin = 0.1 * (X.max(axis=0) - X.min(axis=0))
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    grid = np.column_stack([xx.ravel(), yy.ravel()]).astype(X.dtype)
    scores = np.asarray(predict(grid))
    if scores.ndim == 2:
        scores = np.argmax(scores, axis=1) if scores.shape[1] > 1 else (scores[:, 0] > 0.5)
    ax.contourf(xx, yy, scores.reshape(xx.shape).astype(float), alpha=0.25, cmap="brg")
    plot_dataset(X, y, title=title, ax=ax)
    return fig


def plot_history(history, *, title="Training history"):
    """Chapter 18: loss and accuracy per epoch, training and (if recorded) validation."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    epochs = np.arange(1, len(history["loss"]) + 1)
    for ax, key, name in [(axes[0], "loss", "loss"), (axes[1], "accuracy", "accuracy")]:
        ax.plot(epochs, history[key], label=f"training {name}")
        validation = history.get(f"val_{key}", [])
        if validation and validation[0] is not None:
            ax.plot(epochs, validation, label=f"validation {name}")
        ax.set(title=f"{title}: {name}", xlabel="epoch", ylabel=name)
        ax.legend()
    fig.tight_layout()
    return fig


def plot_images(images, labels, class_names, *, predictions=None, n_cols=8, title=None):
    """Chapter 19: a grid of images with their true labels and, if given, predicted ones.

    A wrong prediction is written in red.
    """
    images = np.asarray(images)
    n = len(images)
    n_rows = int(np.ceil(n / n_cols))
    row_height = 1.9 if predictions is None else 2.3  # room for a second line of title
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(1.6 * n_cols, row_height * n_rows),
                             squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i >= n:
            continue
        ax.imshow(images[i].reshape(28, 28) if images[i].size == 784 else images[i], cmap="gray")
        text = class_names[labels[i]]
        color = "black"
        if predictions is not None:
            text = f"{text}\npred: {class_names[predictions[i]]}"
            color = "black" if predictions[i] == labels[i] else "red"
        ax.set_title(text, fontsize=8, color=color)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_confusion_matrix(matrix, class_names, *, title="Confusion matrix", normalize=False):
    """Chapter 20: rows are true classes, columns predicted ones; counts (or row fractions)
    in each cell."""
    matrix = np.asarray(matrix, dtype=np.float64)
    if normalize:
        matrix = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    fig, ax = plt.subplots(figsize=(8, 7))
    image = ax.imshow(matrix, cmap="Blues")
    fig.colorbar(image, ax=ax, label="fraction of the true class" if normalize else "count")
    ticks = np.arange(len(class_names))
    ax.set_xticks(ticks, class_names, rotation=45, ha="right")
    ax.set_yticks(ticks, class_names)
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, f"{value:.2f}" if normalize else f"{value:.0f}", ha="center", va="center",
                fontsize=7, color="white" if value > matrix.max() / 2 else "black")
    ax.set(title=title, xlabel="predicted class", ylabel="true class")
    fig.tight_layout()
    return fig


def plot_weight_histograms(weights_by_name, *, title="Weights", bins=50):
    """Chapter 14: overlaid histograms of weight arrays, e.g. ``{"no penalty": w1, "L2": w2}``."""
    if np.ndim(bins) == 0:  # one set of bin edges for all, so that the bars line up
        everything = np.concatenate([np.ravel(w) for w in weights_by_name.values()])
        bins = np.histogram_bin_edges(everything, bins)
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, weights in weights_by_name.items():
        ax.hist(np.ravel(weights), bins=bins, alpha=0.5, label=name)
    ax.set(title=title, xlabel="weight value", ylabel="count")
    ax.legend()
    return fig
