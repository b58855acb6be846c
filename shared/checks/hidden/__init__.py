"""Grading-only inputs of the exercise checks, one module per chapter (chNN.py).

Each module defines HIDDEN, {check title: a function returning fixed edge cases}, and
FRESH, {check title: a function of a NumPy Generator returning new cases drawn for this
grading run}, the expected answers computed from the course's own code. Only the grader's
process reads them: the sandbox that runs a learner's notebook for grading hides this folder.
"""
