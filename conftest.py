"""Settings for every pytest run from this folder, including `pytest solutions/NN_*.ipynb`."""
from shared.course.contract import pin_blas_threads

# nbval's kernels inherit this process's environment: run them as the outputs were made.
pin_blas_threads()
