"""pytest setup shared by the tests: fixture notebooks stay out of nbval, notebooks are timed."""
from collections import defaultdict

# tests/fixtures holds a miniature course for the generator's tests, not notebooks to run.
collect_ignore = ["fixtures"]


def pytest_terminal_summary(terminalreporter):
    """After the run, list the slowest notebooks: all their cells plus kernel start and stop."""
    seconds = defaultdict(float)
    for reports in terminalreporter.stats.values():
        for report in reports:
            path, _, cell = getattr(report, "nodeid", "").partition("::")
            if path.endswith(".ipynb") and cell:
                seconds[path] += report.duration
    if seconds:
        terminalreporter.write_sep("=", f"slowest notebooks (of {len(seconds)})")
        for path, total in sorted(seconds.items(), key=lambda item: -item[1])[:10]:
            terminalreporter.write_line(f"{total:8.2f}s  {path}")
