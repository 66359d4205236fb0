"""A 60-page PDF plan previewed (issue 21): `saferplan import-plan FILE --dry-run --json`, the
preview a coordinator gets (the PDF read, the plan recognised, owners matched against the
partnership), in a child process so that its time and peak memory are its own. The time is
the whole command, Python and Django's start included. Targets: under 10 s, under 500 MB.

The PDF is the Hertsmere seed's action table (seed 003) printed to PDF as a browser or Word
prints it (ruled tables broken over pages, a running header, page numbers), its priorities
repeated until the file has 60 pages or more.

    .venv/bin/python bench/bench_pdf_import.py
"""

import copy
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Report, setup_django

database = setup_django()

from pypdf import PdfReader

from saferplan.imports.readers import parse_plan
from saferplan.imports.tests import documents
from saferplan.partnerships.models import Partnership

SEED = Path(__file__).resolve().parent.parent / "saferplan" / "demo" / "seeds"
PAGES = 60


def sixty_page_pdf() -> tuple[bytes, int, int]:
    """(the PDF, its pages, the actions it holds)."""
    seed = parse_plan((SEED / "003_beef6faf28b908d0.txt").read_bytes(), "seed.txt")
    plan = copy.deepcopy(seed)
    while True:
        pdf = documents.to_pdf(plan)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        if pages >= PAGES:
            return pdf, pages, plan.counts()["actions"]
        for priority in copy.deepcopy(seed.priorities):
            priority.number = len(plan.priorities) + 1
            plan.priorities.append(priority)


def preview_in_child(path: Path) -> tuple[float, float, dict]:
    """(seconds, the child's own peak memory in MB, the preview's JSON)."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "saferplan"),
                *("import-plan", str(path), "--partnership", "bench", "--dry-run", "--json"),
            ],
            stdout=stdout,
            stderr=stderr,
            env=os.environ.copy(),
        )
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
        seconds = time.perf_counter() - start
        stdout.seek(0)
        stderr.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"the preview failed: {stderr.read()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, json.loads(stdout.read())


def main() -> None:
    Partnership.objects.create(name="Bench Community Safety Partnership", slug="bench")
    pdf, pages, actions = sixty_page_pdf()
    folder = Path(tempfile.mkdtemp(prefix="saferplan-bench-pdf-"))
    path = folder / "action plan.pdf"
    path.write_bytes(pdf)
    seconds, peak, preview = preview_in_child(path)
    out = Report(f"A {pages}-page PDF plan previewed ({len(pdf) // 1024} KB) on {database}")
    found = preview["counts"]["actions"]
    out.figure(
        f"actions recognised (of {actions} in the PDF)", found, actions, "", lower_is_better=False
    )
    out.figure("preview: whole command, start-up included", seconds, 10, "s")
    out.figure("preview: peak memory of the command", peak, 500, "MB")
    print("  peer: none named for this target (issue 21 sets absolute figures)")
    out.finish()


if __name__ == "__main__":
    main()
