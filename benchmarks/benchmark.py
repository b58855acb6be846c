"""How fast is ``shared.Model.train``? The chapter-19 recipe three ways, side by side.

784-128-128-10 with ReLU, softmax + cross-entropy, Adam (lr 0.001, decay 1e-3),
batches of 128, float32, trained by (1) ``shared.Model.train``, (2) a minimal
hand-written NumPy loop doing the same arithmetic, and (3) PyTorch on the CPU
when it is installed. All three start from the same weights and see the batches
in the same order. Epochs run round-robin (epoch 1 of each, then epoch 2 of
each, in reverse order, ...), so a busy machine slows all three alike.

    python benchmarks/benchmark.py [--epochs 10] [--subset N] [--threads N]

Exits with status 1 if Model.train takes more than 1.2x the NumPy loop's time.
"""
import argparse
import os
import platform
import statistics
import time

LIMIT = 1.2  # Model.train may take at most this many times the NumPy loop's time
LEARNING_RATE, DECAY, EPSILON, BETA_1, BETA_2 = 0.001, 1e-3, 1e-7, 0.9, 0.999
BATCH_SIZE = 128


class SharedModel:
    """(1) The course's Model, one ``train(epochs=1)`` call per epoch."""

    name = "shared Model.train"

    def __init__(self, seed):
        from shared import (Accuracy_Categorical, Activation_ReLU, Activation_Softmax,
                            Layer_Dense, Loss_CategoricalCrossentropy, Model, Optimizer_Adam)
        np.random.seed(seed)
        self.model = Model()
        for n_inputs, n_neurons in [(784, 128), (128, 128)]:
            self.model.add(Layer_Dense(n_inputs, n_neurons))
            self.model.add(Activation_ReLU())
        self.model.add(Layer_Dense(128, 10))
        self.model.add(Activation_Softmax())
        self.model.set(loss=Loss_CategoricalCrossentropy(), accuracy=Accuracy_Categorical(),
                       optimizer=Optimizer_Adam(LEARNING_RATE, DECAY, epsilon=EPSILON,
                                                beta_1=BETA_1, beta_2=BETA_2))
        self.model.finalize()

    def parameters(self):
        return self.model.get_parameters()

    def train_epoch(self, X, y, order_seed):
        np.random.seed(order_seed)  # Model.train shuffles with np.random.permutation
        history = self.model.train(X, y, epochs=1, batch_size=BATCH_SIZE, verbose=0)
        return history["loss"][-1], history["accuracy"][-1]

    def test_accuracy(self, X, y):
        return self.model.evaluate(X, y, batch_size=1000)[1]


class NumpyLoop:
    """(2) The same network, forward and backward pass and Adam written out by hand."""

    name = "NumPy loop"

    def __init__(self, parameters):
        self.params = [array.copy() for pair in parameters for array in pair]  # W1 b1 W2 b2 ..
        self.moments = [np.zeros_like(p) for p in self.params]
        self.caches = [np.zeros_like(p) for p in self.params]
        self.step = 0

    def forward(self, X):
        W1, b1, W2, b2, W3, b3 = self.params
        h1 = np.maximum(X @ W1 + b1, 0)
        h2 = np.maximum(h1 @ W2 + b2, 0)
        scores = h2 @ W3 + b3
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        return h1, h2, exp / exp.sum(axis=1, keepdims=True)

    def train_epoch(self, X, y, order_seed):
        order = np.random.RandomState(order_seed).permutation(len(X))
        W1, b1, W2, b2, W3, b3 = self.params
        loss_sum, correct = 0.0, 0
        for start in range(0, len(X), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            xb, yb = X[batch], y[batch]
            rows = np.arange(len(batch))
            h1, h2, probs = self.forward(xb)
            loss_sum += float(-np.log(np.clip(probs[rows, yb], EPSILON, 1 - EPSILON)).sum())
            correct += int(np.sum(np.argmax(probs, axis=1) == yb))
            # Softmax + cross-entropy: the gradient of the mean loss is (p - one_hot) / n.
            d = probs
            d[rows, yb] -= 1
            d /= len(batch)
            dh2 = (d @ W3.T) * (h2 > 0)
            dh1 = (dh2 @ W2.T) * (h1 > 0)  # nothing needs the gradient of the inputs
            grads = [xb.T @ dh1, dh1.sum(axis=0, keepdims=True),
                     h1.T @ dh2, dh2.sum(axis=0, keepdims=True),
                     h2.T @ d, d.sum(axis=0, keepdims=True)]
            self.adam(grads)
        return loss_sum / len(X), correct / len(X)

    def adam(self, grads):
        rate = LEARNING_RATE / (1 + DECAY * self.step)
        self.step += 1
        momentum_scale = 1 / (1 - BETA_1 ** self.step)
        cache_scale = 1 / (1 - BETA_2 ** self.step)
        for param, grad, moment, cache in zip(self.params, grads, self.moments, self.caches):
            moment *= BETA_1
            moment += (1 - BETA_1) * grad
            cache *= BETA_2
            cache += (1 - BETA_2) * grad ** 2
            param -= (rate * momentum_scale) * moment / (np.sqrt(cache_scale * cache) + EPSILON)

    def parameters(self):
        return list(zip(self.params[::2], self.params[1::2]))

    def test_accuracy(self, X, y):
        return float(np.mean(np.argmax(self.forward(X)[2], axis=1) == y))


class TorchModel:
    """(3) PyTorch on the CPU: nn.Linear layers, cross_entropy on the scores, optim.Adam."""

    name = "PyTorch (CPU)"

    def __init__(self, parameters):
        layers = []
        for weights, biases in parameters:
            layer = torch.nn.Linear(*weights.shape)
            with torch.no_grad():
                layer.weight.copy_(torch.from_numpy(weights.T))
                layer.bias.copy_(torch.from_numpy(biases.ravel()))
            layers += [layer, torch.nn.ReLU()]
        self.net = torch.nn.Sequential(*layers[:-1])
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=LEARNING_RATE,
                                          betas=(BETA_1, BETA_2), eps=EPSILON)
        self.schedule = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, lambda step: 1 / (1 + DECAY * step))

    def train_epoch(self, X, y, order_seed):
        order = torch.from_numpy(np.random.RandomState(order_seed).permutation(len(X)))
        X, y = torch.from_numpy(X), torch.from_numpy(y)
        loss_sum, correct = 0.0, 0
        for batch in order.split(BATCH_SIZE):
            scores = self.net(X[batch])
            loss = torch.nn.functional.cross_entropy(scores, y[batch])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            self.schedule.step()
            loss_sum += loss.item() * len(batch)
            correct += int((scores.argmax(dim=1) == y[batch]).sum())
        return loss_sum / len(X), correct / len(X)

    def test_accuracy(self, X, y):
        with torch.no_grad():
            scores = self.net(torch.from_numpy(X))
        return float((scores.argmax(dim=1) == torch.from_numpy(y)).float().mean())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=10, help="epochs of each (default: 10)")
    parser.add_argument("--subset", type=int, help="train on the first N images only")
    parser.add_argument("--threads", type=int,
                        help="BLAS and PyTorch threads (default: the libraries' own choice)")
    args = parser.parse_args(argv)
    if args.threads:  # read by the BLAS libraries when they load, so set before importing
        for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
            os.environ[name] = str(args.threads)
    global np, torch
    import numpy as np
    from shared.data import load_fashion_mnist
    try:
        import torch
    except ImportError:
        torch = None

    X, y, X_test, y_test = load_fashion_mnist()
    X, y = X[:args.subset], y[:args.subset]
    shared_model = SharedModel(seed=0)
    runners = [shared_model, NumpyLoop(shared_model.parameters())]
    if torch is None:
        print("PyTorch is not installed: skipping it (pip install torch to compare).")
    else:
        if args.threads:
            torch.set_num_threads(args.threads)
        runners.append(TorchModel(shared_model.parameters()))

    print(f"{len(X):,} training images, {args.epochs} epochs; Python {platform.python_version()},"
          f" NumPy {np.__version__}" + ("" if torch is None else f", PyTorch {torch.__version__}"
                                        f" ({torch.get_num_threads()} threads)")
          + f"; {os.cpu_count()} CPUs")
    times = {runner.name: [] for runner in runners}
    figures = {}
    for epoch in range(args.epochs):
        for runner in runners if epoch % 2 == 0 else runners[::-1]:  # none always goes first
            start = time.perf_counter()
            figures[runner.name] = runner.train_epoch(X, y, order_seed=1000 + epoch)
            times[runner.name].append(time.perf_counter() - start)
        print(f"epoch {epoch + 1}: " + ", ".join(f"{name} {t[-1]:.2f} s"
                                                 for name, t in times.items()), flush=True)

    print(f"\n{'last epoch:':<20}{'median s':>9}{'min s':>7}{'train loss':>12}{'train acc':>11}"
          f"{'test acc':>10}")
    for runner in runners:
        t, (loss, accuracy) = times[runner.name], figures[runner.name]
        print(f"{runner.name:<20}{statistics.median(t):>9.3f}{min(t):>7.3f}{loss:>12.4f}"
              f"{accuracy:>11.4f}{runner.test_accuracy(X_test, y_test):>10.4f}")
    # Each epoch's pair ran back to back, so their ratio is the least disturbed by other load.
    ratio = statistics.median(a / b for a, b in zip(times[SharedModel.name],
                                                    times[NumpyLoop.name]))
    drift = max(float(np.max(np.abs(a - b))) for pair in zip(
        shared_model.parameters(), runners[1].parameters()) for a, b in zip(*pair))
    print(f"\nshared / NumPy loop, median of per-epoch ratios: {ratio:.3f} (limit {LIMIT})")
    print(f"largest parameter difference, shared vs NumPy loop: {drift:.2e} (0: bitwise the same)")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main())
