"""The course's tooling, apart from the library the chapters build.

``runner`` runs a learner's notebook and checks its exercises (``notebook`` reads it without
trusting it, ``judging`` plans and judges each check in the grader's process, ``inkernel``
runs the answer inside the kernel, ``wire`` is what comes back, ``sandbox`` confines the
kernel), ``progress`` shows a learner's own progress, ``grade`` grades a class and
``gradebook`` writes its files, ``workspace`` keeps a learner's copies of the chapters,
``train`` is the command-line trainer, and ``contract`` holds every rule that these and
``tools/`` share. Nothing in the library imports this package.
"""
