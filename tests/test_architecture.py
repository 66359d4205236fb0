"""Rules of the code's layout that a reviewer would otherwise have to remember (issue 20)."""

import ast
from pathlib import Path

import saferplan

PACKAGE = Path(saferplan.__file__).parent


def _imports(path: Path):
    """(line, the saferplan module or relative name imported) for each import in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("saferplan."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and not module.startswith("saferplan."):
                continue
            prefix = "." * node.level + module
            yield node.lineno, prefix
            for alias in node.names:
                yield node.lineno, f"{prefix}.{alias.name}" if module else prefix + alias.name


def _application_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _all_modules():
    """The application's modules and every test module (the suite's tests/ too)."""
    for path in sorted([*PACKAGE.rglob("*.py"), *Path(__file__).parent.rglob("*.py")]):
        if "migrations" not in path.parts and path != Path(__file__):
            yield path


def test_only_url_configurations_import_views():
    """Access helpers (partnership_for, plan_for…) live in access modules: a view module is
    imported by urls.py alone, so a page's code is never another app's dependency."""
    offenders = []
    for path in _application_modules():
        if path.name == "urls.py" or path.name.endswith("_urls.py"):
            continue
        for line, name in _imports(path):
            if name.split(".")[-1] == "views" or ".views." in name:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    assert offenders == []


def test_the_rule_catches_a_view_imported_elsewhere(tmp_path):
    """The check above can fail."""
    module = tmp_path / "reports.py"
    module.write_text("from saferplan.plans.views import plan_overview\nfrom . import views\n")
    assert [name for _line, name in _imports(module)] == [
        "saferplan.plans.views",
        "saferplan.plans.views.plan_overview",
        ".",
        ".views",
    ]


def test_there_is_one_clock():
    """Every "today" is Europe/London's (saferplan.core.clock), never the server's date: in
    the tests too, or a test run between midnight and 1 a.m. in summer expects another day."""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{number}"
        for path in _all_modules()
        if path.name != "clock.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "date.today()" in line or "localdate()" in line
    ]
    assert offenders == []


MAX_LINES = 400  # application and test modules alike (migrations aside)
# Modules allowed to be longer, each with its reason. A module that grows past the limit
# is split along its seams (plans/views/, plans/services/, …) or named here with why not.
LONGER_WITH_REASON = {
    "saferplan/settings/base.py": "Django settings: one file a deployer reads top to bottom",
    "saferplan/demo/structure.py": "the demo's partnerships, groups and people as data, no logic",
    "saferplan/imports/action_tables.py": "one state machine over a table's rows (ActionPlanBuilder; its title rows and updates are in table_titles.py and table_updates.py)",
}


def test_no_module_is_too_long_to_read_without_a_reason():
    too_long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in _all_modules()
        if PACKAGE in path.parents  # saferplan/ with its tests; tests/ holds the sweeps
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    unexplained = {
        path: lines for path, lines in too_long.items() if path not in LONGER_WITH_REASON
    }
    assert unexplained == {}, f"over {MAX_LINES} lines: split it or say why"
    no_longer_needed = set(LONGER_WITH_REASON) - set(too_long)
    assert no_longer_needed == set(), "shorter now: take it off LONGER_WITH_REASON"
