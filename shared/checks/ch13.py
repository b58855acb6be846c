"""Exercise checks for chapter 13: The training dataset."""
import numpy as np

from shared.checks import Case, close_enough, run_check


def _standardized(X, X_train):
    """X standardized with the training data's statistics; a constant column gets std 1."""
    std = X_train.std(axis=0)
    return (X - X_train.mean(axis=0)) / np.where(std == 0, 1.0, std)


def scaler_case(label, X_train, X_test):
    return Case(args=(X_train, X_test), label=label,
                expected=(_standardized(X_train, X_train), _standardized(X_test, X_train)))


def _fit_then_transform(cls, X_train, X_test):
    """Fit a new scaler on X_train; return its transform of X_train and of X_test."""
    scaler = cls().fit(X_train)
    if scaler is None:
        raise TypeError("fit(X) returned None: end it with `return self`")
    return scaler.transform(X_train), scaler.transform(X_test)


def check_standard_scaler(StandardScaler):
    """StandardScaler().fit(X_train) then .transform(X_train) and .transform(X_test):
    the test data must be standardized with the TRAINING mean and standard deviation."""
    run_check("StandardScaler", StandardScaler, [
        scaler_case("train [[1, 10], [3, 20], [5, 60]], test [[7, 0], [3, 30]] "
                     "(the test set's own mean and std are different)",
                     np.array([[1.0, 10.0], [3.0, 20.0], [5.0, 60.0]]),
                     np.array([[7.0, 0.0], [3.0, 30.0]])),
        scaler_case("train of 4 rows with mean [3, 2], test of a single row [[3, 7]]",
                     np.array([[0.0, -1.0], [2.0, 1.0], [4.0, 3.0], [6.0, 5.0]]),
                     np.array([[3.0, 7.0]])),
        scaler_case("train [[2, 5], [4, 5], [9, 5]] whose second column is constant (std 0), "
                     "test [[4, 5], [0, 6]]",
                     np.array([[2.0, 5.0], [4.0, 5.0], [9.0, 5.0]]),
                     np.array([[4.0, 5.0], [0.0, 6.0]])),
    ], call=_fit_then_transform, parts=("transform(X_train)", "transform(X_test)"))


# Two 3x4 images with numbered pixels, so that every pixel's new place can be read off.
IMAGES = np.arange(1, 25, dtype=np.uint8).reshape(2, 3, 4)


def _batch(first, second):
    return np.array([first, second], dtype=np.uint8)


# What the check's call returns when the answer is the argument `images` itself or a view of it.
SAME_ARRAY = "the array `images` itself (or a view of its pixels)"


def _shifted(shift_images, images, dx, dy):
    """The learner's shifted images, or SAME_ARRAY when they are `images`, unchanged, or a view
    of it (an answer that wrote into `images` is reported as such by run_check)."""
    before = images.copy()
    shifted = shift_images(images, dx, dy)
    if isinstance(shifted, np.ndarray) and np.shares_memory(shifted, images):
        return SAME_ARRAY if np.array_equal(images, before) else shifted.copy()
    return shifted


def _same_images(got, expected):
    """The expected pixels, in a new array of the same number type as the images given."""
    if isinstance(got, str) and got == SAME_ARRAY:
        return False, ("your code returned `images` itself, not a new array: a later change to the "
                       "shifted batch would change the originals too. Return a new array, "
                       "images.copy() when there is nothing to shift")
    if isinstance(got, np.ndarray) and got.dtype != expected.dtype:
        return False, (f"your images hold {got.dtype} numbers, the ones given {expected.dtype}: "
                       "return the same number type (np.zeros_like(images) keeps it)")
    return close_enough(got, expected)


def check_shift_images(shift_images):
    """shift_images(images, dx, dy): move right by dx and down by dy, filling with 0 (no
    wrap-around), in a new array of the images' number type (never `images` itself); `images`
    stays unchanged. Expected values written out by hand."""
    what = "two 3x4 images with pixels numbered 1 to 24"
    run_check("shift_images", shift_images, [
        Case(args=(IMAGES, 1, 0), label=f"{what}, dx=1, dy=0 (one pixel right)",
             expected=_batch([[0, 1, 2, 3], [0, 5, 6, 7], [0, 9, 10, 11]],
                             [[0, 13, 14, 15], [0, 17, 18, 19], [0, 21, 22, 23]])),
        Case(args=(IMAGES, -2, 1), label=f"{what}, dx=-2, dy=1 (two pixels left, one down)",
             expected=_batch([[0, 0, 0, 0], [3, 4, 0, 0], [7, 8, 0, 0]],
                             [[0, 0, 0, 0], [15, 16, 0, 0], [19, 20, 0, 0]])),
        Case(args=(IMAGES, 0, -1), label=f"{what}, dx=0, dy=-1 (one pixel up)",
             expected=_batch([[5, 6, 7, 8], [9, 10, 11, 12], [0, 0, 0, 0]],
                             [[17, 18, 19, 20], [21, 22, 23, 24], [0, 0, 0, 0]])),
        Case(args=(IMAGES, 0, 0), label=f"{what}, dx=0, dy=0 (no shift)", expected=IMAGES.copy()),
        Case(args=(IMAGES, -6, 0), label=f"{what}, dx=-6 (further than the images are wide: "
                                          "every pixel leaves)",
             expected=np.zeros((2, 3, 4), dtype=np.uint8)),
        Case(args=(IMAGES, 1, -5), label=f"{what}, dx=1, dy=-5 (further up than the images "
                                         "are tall: every pixel leaves)",
             expected=np.zeros((2, 3, 4), dtype=np.uint8)),
    ], call=_shifted, compare=_same_images)
