"""Does the suite still catch what it must? Plants known faults, one at a time, in a copy of
the working tree and runs the tests that must fail.

    .venv/bin/python scripts/mutation_check.py            # every fault, the tests that must catch it
    .venv/bin/python scripts/mutation_check.py --full     # every fault, the whole suite each time
    .venv/bin/python scripts/mutation_check.py csp-nonce  # some faults, by name
    .venv/bin/python scripts/mutation_check.py --list

Each fault is found by a pattern, not a line number, so the check keeps working while code
moves; when a pattern is no longer found the fault "could not be planted" and the check fails
(it never passes by planting nothing). By default each fault runs only the test directories
that must catch it (FAULTS below, on SQLite, stopping at the first failure); --full runs the
whole suite instead. First the same tests run on the unchanged copy: they must pass, or a
failure would prove nothing about the fault.

Prints "caught" (with the failing tests) or "MISSED" for each fault; exits 1 if any fault is
missed or could not be planted.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Built or installed, not in git: linked into the copy as they are.
LINKED = [".venv", "node_modules", "saferplan/static/dist"]


@dataclass
class Fault:
    name: str
    what: str  # the fault, in words
    files: str  # a glob, from the repository's root, of where to look for the pattern
    pattern: str  # a regular expression: what the fault changes
    replacement: str
    tests: list[str]  # the test paths that must catch it (--full: the whole suite)
    within: str | None = None  # only inside this Python function (a regular expression)
    prefer: str = ""  # of the files holding the pattern, the first whose path has this
    count: int = 0  # how many of the pattern's places to change (0: every one in the file)
    planted_in: str = field(default="", init=False)


FAULTS = [
    Fault(
        name="safe-filter",
        what="a typed text rendered as markup: {{ action.title }} becomes {{ action.title|safe }}",
        files="saferplan/templates/**/*.html",
        prefer="action_detail",
        pattern=r"\{\{ *action\.title *\}\}",
        replacement="{{ action.title|safe }}",
        tests=["tests/test_stored_xss.py", "tests/test_export_injection.py", "saferplan/plans"],
    ),
    Fault(
        name="missing-permission-check",
        what="a view that no longer checks the person: the audit log takes the partnership "
        "from its address without partnership_for's check",
        files="saferplan/**/*.py",
        within=r"def audit_log\(",
        pattern=r"partnership_for\(\s*request,\s*slug,\s*\"view_audit_log\"\s*\)",
        replacement='__import__("django.apps").apps.apps.get_model('
        '"partnerships", "Partnership").objects.get(slug=slug)',
        tests=["tests/test_url_access.py", "saferplan/partnerships"],
    ),
    Fault(
        name="weakened-role-check",
        what="a view that checks membership but not the role: any member may edit an action",
        files="saferplan/**/*.py",
        within=r"def action_edit\(",
        pattern=r"action_for\(\s*request,\s*slug,\s*pk,\s*\"change\"\s*\)",
        replacement="action_for(request, slug, pk)",
        tests=["saferplan/plans", "tests/test_url_access.py"],
    ),
    Fault(
        name="sensitive-filter-updates",
        what="OFFICIAL-SENSITIVE updates no longer left out of the action plan table's selector "
        "(its updates' .visible_to() dropped)",
        files="saferplan/plans/selectors/*.py",
        within=r"def plan_action_table\(",
        pattern=r"(Update\.objects\.current\(\)\s*)\.visible_to\(user, partnership_ids=owners\)",
        replacement=r"\1",
        tests=[
            "tests/test_sensitive_inventory.py",
            "saferplan/plans",
            "saferplan/reports",
        ],
    ),
    Fault(
        name="sensitive-filter-published-plan",
        what="OFFICIAL-SENSITIVE actions no longer left out of the published plan (public "
        "selectors)",
        files="saferplan/public/**/*.py",
        pattern=r"Action\.objects\.not_sensitive\(\)",
        replacement="Action.objects.all()",
        tests=["tests/test_sensitive_inventory.py", "saferplan/public"],
    ),
    Fault(
        name="csp-nonce",
        what="a <script> without the Content Security Policy's nonce (base.html's first)",
        files="saferplan/templates/**/*.html",
        prefer="base.html",
        pattern=r' nonce="\{\{ *request\.csp_nonce *\}\}"',
        replacement="",
        count=1,
        tests=["tests/test_stored_xss.py", "tests/browser/test_security.py"],
    ),
    Fault(
        name="csp-middleware",
        what="no Content Security Policy at all: django-csp's middleware left out",
        files="saferplan/settings/*.py",
        pattern=r'^\s*"csp\.middleware\.CSPMiddleware",\n',
        replacement="",
        tests=["tests/test_stored_xss.py", "tests/browser/test_security.py"],
    ),
]


class NotPlantedError(Exception):
    pass


def copy_of_the_working_tree(into: Path) -> Path:
    """The files git knows of or would add (the working tree's edits included), and links to
    what is built or installed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    copy = into / "saferplan"
    for name in filter(None, listed):
        source = ROOT / os.fsdecode(name)
        if not source.is_file():
            continue  # deleted in the working tree
        target = copy / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for name in LINKED:
        if (ROOT / name).exists():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).symlink_to(ROOT / name)
    return copy


def function_span(text: str, within: str) -> tuple[int, int] | None:
    """Where the function whose `def` matches `within` starts and ends (at the next line
    indented no deeper than its def)."""
    start = re.search(rf"^([ \t]*){within}", text, re.MULTILINE)
    if not start:
        return None
    indent = len(start.group(1))
    body = text.index("\n", start.end()) + 1  # from the line after the def's first
    for line in re.finditer(r"^([ \t]*)(\S.*)$", text[body:], re.MULTILINE):
        if len(line.group(1)) <= indent and not line.group(2).startswith(")"):
            return start.start(), body + line.start()
    return start.start(), len(text)


def plant(fault: Fault, copy: Path) -> None:
    candidates = sorted(
        path
        for path in copy.glob(fault.files)
        if path.is_file() and "/tests/" not in f"/{path.relative_to(copy)}"
    )
    searched = []
    for path in sorted(candidates, key=lambda p: fault.prefer not in str(p)):
        text = path.read_text(encoding="utf-8")
        span = (0, len(text))
        if fault.within:
            found = function_span(text, fault.within)
            if found is None:
                continue
            span = found
        searched.append(path.relative_to(copy))
        part = text[span[0] : span[1]]
        changed, count = re.subn(
            fault.pattern, fault.replacement, part, count=fault.count, flags=re.MULTILINE
        )
        if count:
            path.write_text(text[: span[0]] + changed + text[span[1] :], encoding="utf-8")
            fault.planted_in = f"{path.relative_to(copy)} ({count} place{'s' * (count > 1)})"
            return
    where = f"any {fault.files} file" + (f" with {fault.within}" if fault.within else "")
    if 0 < len(searched) <= 3:
        where = ", ".join(map(str, searched))
    elif searched:
        where = f"the {len(searched)} files matching {fault.files}"
    raise NotPlantedError(f"pattern {fault.pattern!r} not found in {where}")


def run_tests(copy: Path, tests: list[str], *, full: bool, stop_at_first: bool = True):
    """(pytest's exit code, the failing tests, the output's last lines)."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"]
    command += ["-x"] if stop_at_first else []
    command += [] if full else tests
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite: make test's
    env["COLUMNS"] = "300"  # pytest's summary lines then keep the failure's message
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)  # noqa: S603
    failed = [  # "FAILED tests/test_x.py::test_y[z] - AssertionError: …", shortened
        line if len(line) < 300 else f"{line[:297]}..."
        for line in result.stdout.splitlines()
        if line.startswith(("FAILED ", "ERROR "))
    ]
    return result.returncode, failed, "\n".join(result.stdout.splitlines()[-15:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("faults", nargs="*", help="names of the faults to plant (default: all)")
    parser.add_argument("--full", action="store_true", help="run the whole suite for each fault")
    parser.add_argument("--list", action="store_true", help="list the faults and stop")
    parser.add_argument(
        "--no-control", action="store_true", help="skip the run on the unchanged copy"
    )
    options = parser.parse_args()
    unknown = set(options.faults) - {f.name for f in FAULTS}
    if unknown:
        parser.error(f"no such fault: {', '.join(sorted(unknown))}")
    faults = [f for f in FAULTS if not options.faults or f.name in options.faults]
    if options.list:
        for fault in FAULTS:
            print(f"{fault.name}: {fault.what}\n    tests: {' '.join(fault.tests)}")
        return 0

    scope = "the whole suite" if options.full else "the tests that must catch each fault"
    print(f"Planting {len(faults)} fault(s) in copies of {ROOT}; running {scope} on SQLite.")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="saferplan-mutation-") as temporary:
        if not options.no_control:
            started = time.monotonic()
            tests = sorted({t for f in faults for t in f.tests})
            copy = copy_of_the_working_tree(Path(temporary) / "control")
            code, failed, tail = run_tests(copy, tests, full=options.full, stop_at_first=False)
            seconds = time.monotonic() - started
            if code != 0:
                print(f"The unchanged copy fails ({seconds:.0f} s): fix that first.\n{tail}")
                return 1
            print(f"unchanged copy: passes ({seconds:.0f} s)")
        for number, fault in enumerate(faults):
            started = time.monotonic()
            copy = copy_of_the_working_tree(Path(temporary) / str(number))
            try:
                plant(fault, copy)
            except NotPlantedError as error:
                print(f"NOT PLANTED  {fault.name}: fault could not be planted: {error}")
                outcomes.append(False)
                continue
            code, failed, tail = run_tests(copy, fault.tests, full=options.full)
            seconds = time.monotonic() - started
            # A test failed: not merely an error (a fault that breaks the import of a module
            # proves nothing about the tests).
            caught = code == 1 and any(line.startswith("FAILED") for line in failed)
            verdict = "caught" if caught else "MISSED"
            print(f"{verdict:<12} {fault.name}: {fault.what}")
            print(f"             planted in {fault.planted_in}; {seconds:.0f} s")
            for line in failed:
                print(f"             {line}")
            if not caught:
                print(f"             pytest exit code {code}:\n{tail}")
            outcomes.append(caught)
            shutil.rmtree(copy)
    missed = outcomes.count(False)
    print(f"{len(outcomes) - missed} of {len(outcomes)} faults caught.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
