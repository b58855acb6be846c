"""The package's shape: the library (shared/*.py) imports no tooling (shared.checks,
shared.course), and no module of shared/ imports, directly or not, a module that imports it."""
import ast

from shared.course.contract import ROOT

PACKAGE = ROOT / "shared"
TOOLING = ("shared.checks", "shared.course")


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(name):
    """The modules of shared/ that module `name` imports at any level of its code."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level \
                else []
            module = ".".join([*base, node.module] if node.module else base)
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in MODULES and target != name}
    return found


GRAPH = {name: imports(name) for name in MODULES}


def test_the_library_imports_no_tooling():
    library = [name for name in MODULES if not name.startswith(TOOLING)]
    wrong = {name: sorted(d for d in GRAPH[name] if d.startswith(TOOLING)) for name in library}
    assert not {name: deps for name, deps in wrong.items() if deps}


def test_no_module_imports_itself_through_others():
    def reachable(start):
        seen, todo = set(), [d for d in GRAPH[start] if d != "shared"]
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo += [d for d in GRAPH[name] if d != "shared"]
        return seen

    # `shared` itself only re-exports its submodules; edges back to it are not cycles.
    cycles = [name for name in GRAPH if name != "shared" and name in reachable(name)]
    assert not cycles


def test_the_graph_is_read():
    assert "shared.layers" in GRAPH["shared.model"] or "shared.losses" in GRAPH["shared.model"]
    assert "shared.checks.cases" in GRAPH["shared.course.inkernel"]
