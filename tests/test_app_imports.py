"""No import cycle between saferplan's apps (issue 20): if app A imports app B, B never
imports A, directly or through others. An app can then be read, tested and changed from
the bottom up (core, accounts, partnerships, plans, ...), and no app's page or task is
another app's hidden dependency.

The graph: an edge A → B for each import of saferplan.B (or a module of it) in any module
of saferplan.A, tests and migrations aside. Imports inside functions count too: they defer
the import but the code still needs the other app to run, so the dependency (and a cycle
it closes) is as real; moving an import into a function must not hide a cycle. Imports
under `if TYPE_CHECKING:` count as well: the code still speaks of the other app's types,
with one exception: the user model (`saferplan.accounts.models`, for `actor: User`), which
every layer refers to through settings.AUTH_USER_MODEL anyway (core's TimeStampedModel
does). URL configurations are not counted: they are where pages of several apps are put
together, and the only modules that may import views (tests/test_architecture.py).
"""

import ast
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import saferplan

PACKAGE = Path(saferplan.__file__).parent

# The apps from the bottom up (docs/architecture.md): an app imports only apps of its own
# layer or below. A lower app that must let a higher one react sends a signal instead.
LAYERS = [
    {"core"},
    {"partnerships"},
    {"accounts"},
    {"background"},
    {"attachments"},
    {"plans"},
    {"meetings"},
    {"notifications", "imports", "crimedata", "consultations", "indicators", "funding", "duties"},
    {"assessments"},
    {"reports"},
    {"public", "api"},
    {"demo"},
]
LAYER_OF = {app: number for number, apps in enumerate(LAYERS) for app in apps}


USER_MODEL_MODULE = "saferplan.accounts.models"


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """The lines of `if TYPE_CHECKING:` blocks."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        test = node.test if isinstance(node, ast.If) else None
        name = getattr(test, "id", None) or getattr(test, "attr", None)
        if name == "TYPE_CHECKING":
            for inner in node.body:
                lines |= set(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def _imported_modules(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at any depth, but the user
    model's for type checking only."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    tree = ast.parse(path.read_text(), filename=str(path))
    for_types = _type_checking_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                found.append((node.lineno, ".".join([*base, *filter(None, [node.module])])))
            else:
                found.append((node.lineno, node.module or ""))
    return [
        (line, name)
        for line, name in found
        if not (line in for_types and name.startswith(USER_MODEL_MODULE))
    ]


def import_graph(root: Path = PACKAGE) -> dict[tuple[str, str], list[str]]:
    """{(app, app it imports): ["saferplan/app/module.py:line", ...]}"""
    apps = {p.name for p in root.iterdir() if (p / "__init__.py").is_file()}
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        if path.name == "urls.py" or path.name.endswith("_urls.py"):
            continue  # URL configurations put pages of several apps together
        module = ".".join([root.name, *path.relative_to(root).with_suffix("").parts])
        module = module.removesuffix(".__init__")
        for line, name in _imported_modules(path, module):
            top, _, rest = name.partition(".")
            other = rest.partition(".")[0]
            if top == root.name and other in apps and other != parts[0]:
                edges[parts[0], other].append(f"{path.relative_to(root.parent)}:{line}")
    return edges


def find_cycle(edges) -> list[str] | None:
    """One cycle of the graph, as [A, B, ..., A], or None."""
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    path: list[str] = []

    def visit(app: str) -> list[str] | None:
        state[app] = "open"
        path.append(app)
        for other in sorted(graph[app]):
            if state.get(other) == "open":
                return [*path[path.index(other) :], other]
            if other not in state and (cycle := visit(other)):
                return cycle
        path.pop()
        state[app] = "done"
        return None

    for app in sorted(graph):
        if app not in state and (cycle := visit(app)):
            return cycle
    return None


def _described(cycle: list[str], edges) -> str:
    return " → ".join(cycle) + "".join(
        f"\n  {a} → {b}: " + ", ".join(edges[a, b][:3]) + (" …" if len(edges[a, b]) > 3 else "")
        for a, b in pairwise(cycle)
    )


def test_no_import_cycle_between_apps():
    edges = import_graph()
    cycle = find_cycle(edges)
    assert cycle is None, "Apps import each other in a cycle:\n" + _described(cycle, edges)


def test_every_app_has_its_layer_and_imports_none_above_it():
    edges = import_graph()
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert apps - {"settings", "static", "templates"} <= set(LAYER_OF), "give a new app its layer"
    upward = {
        f"{a} → {b}": where[:3] for (a, b), where in edges.items() if LAYER_OF[b] > LAYER_OF[a]
    }
    assert upward == {}, "an app imports one above it: send a signal instead (architecture.md)"


def test_background_imports_no_app_whose_work_it_runs():
    """The job model, the runner and progress only: the tasks (the police.uk import and
    fetch, the board report's document) are their own apps', and import background."""
    edges = import_graph()
    assert {b for a, b in edges if a == "background"} <= {"core", "accounts", "partnerships"}
    assert ("crimedata", "background") in edges
    assert ("reports", "background") in edges


def test_the_check_finds_a_cycle_and_names_it(tmp_path):
    """A cycle through a function's import, three apps long, is found and named."""
    root = tmp_path / "saferplan"
    for app, code in {
        "alpha": "from saferplan.beta.models import B\n",
        "beta": "def later():\n    from ..gamma import services\n",
        "gamma": "import saferplan.alpha.views\n",
        "delta": "from saferplan.alpha import models\n",
    }.items():
        (root / app / "tests").mkdir(parents=True)
        (root / app / "__init__.py").write_text("")
        (root / app / "things.py").write_text(code)
        (root / app / "tests" / "test_x.py").write_text("from saferplan.delta import things\n")
    (root / "__init__.py").write_text("")
    edges = import_graph(root)
    assert edges == {
        ("alpha", "beta"): ["saferplan/alpha/things.py:1"],
        ("beta", "gamma"): ["saferplan/beta/things.py:2"],
        ("gamma", "alpha"): ["saferplan/gamma/things.py:1"],
        ("delta", "alpha"): ["saferplan/delta/things.py:1"],
    }
    cycle = find_cycle(edges)
    assert cycle == ["alpha", "beta", "gamma", "alpha"]
    assert _described(cycle, edges).splitlines() == [
        "alpha → beta → gamma → alpha",
        "  alpha → beta: saferplan/alpha/things.py:1",
        "  beta → gamma: saferplan/beta/things.py:2",
        "  gamma → alpha: saferplan/gamma/things.py:1",
    ]
    del edges["beta", "gamma"]
    assert find_cycle(edges) is None
