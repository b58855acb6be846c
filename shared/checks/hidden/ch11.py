"""Grading-only cases of chapter 11's checks: fixed edge cases and fresh random ones."""

from shared.checks.ch11 import batches_case, evaluate_case, overfitting_case


def is_overfitting_reference(train_losses, test_losses, window=3):
    if min(len(train_losses), len(test_losses)) <= window:
        return False
    return (
        train_losses[-1] < train_losses[-1 - window] and test_losses[-1] > test_losses[-1 - window]
    )


def _evaluate_fresh(rng):
    return [
        evaluate_case(int(rng.integers(100, 10_000)), int(rng.integers(5, 40))) for _ in range(2)
    ]


def _batches_fixed():
    return [
        batches_case(8, 7, 1, "batches of one sample each"),
        batches_case(9, 11, 10, "a batch of 10, then one of a single sample"),
    ]


def _batches_fresh(rng):
    cases = []
    for _ in range(2):
        n = int(rng.integers(5, 40))
        cases.append(
            batches_case(
                int(rng.integers(100, 10_000)),
                n,
                int(rng.integers(2, n)),
                "a random network and batch size",
            )
        )
    return cases


def _overfitting_fixed():
    return [
        overfitting_case(
            [2.0, 1.5, 1.2, 1.0, 0.9, 0.85, 0.8],
            [2.1, 1.7, 1.5, 1.45, 1.5, 1.55, 1.6],
            {"window": 4},
            True,
            "window=4 on 7 records, overfitting",
        ),
        overfitting_case(
            [1.0, 0.9, 0.8, 0.7, 0.6],
            [1.0, 1.1, 1.2, 1.3, 1.4],
            {"window": 5},
            False,
            "window=5 on exactly 5 records",
        ),
    ]


def _overfitting_fresh(rng):
    cases = []
    for _ in range(3):
        n, window = int(rng.integers(2, 10)), int(rng.integers(1, 5))
        train = [float(x) for x in rng.choice([0.3, 0.4, 0.5, 0.6], size=n)]
        test = [float(x) for x in rng.choice([0.5, 0.6, 0.7, 0.8], size=n)]
        if rng.random() < 0.5 and n > window:  # make sure overfitting curves come up too
            train[-1], train[-1 - window] = 0.2, 0.9
            test[-1], test[-1 - window] = 1.0, 0.4
        cases.append(
            overfitting_case(
                train,
                test,
                {"window": window},
                bool(is_overfitting_reference(train, test, window)),
                f"{n} random records, window={window}",
            )
        )
    return cases


HIDDEN = {
    "evaluate": lambda: [evaluate_case(5, 18)],
    "evaluate_in_batches": _batches_fixed,
    "is_overfitting": _overfitting_fixed,
}
FRESH = {
    "evaluate": _evaluate_fresh,
    "evaluate_in_batches": _batches_fresh,
    "is_overfitting": _overfitting_fresh,
}
