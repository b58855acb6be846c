"""The course's tooling, apart from the library the chapters build.

``runner`` runs a learner's notebook and checks its exercises, ``progress`` shows a
learner's own progress, ``grade`` grades a class, ``workspace`` keeps a learner's copies of
the chapters, ``train`` is the command-line trainer, and ``contract`` holds every rule that
these and ``tools/`` share. Nothing in the library imports this package.
"""
