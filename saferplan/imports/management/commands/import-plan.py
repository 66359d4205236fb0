"""`saferplan import-plan FILE --partnership SLUG`: import a plan document.

--dry-run prints the preview and writes nothing; --json prints it as JSON (counts of
priorities, objectives, actions, updates, owners and warnings, the parsed tree, the tables as
read and every piece of text that will not be imported).

Corrections, as the web preview makes them: --column "Deliverable=action" says what a column
means, --title-row "2:5=objective" what a title row inside a table is, --keep-apart FILE:ROW
keeps two rows joined over a page break apart; --mapping FILE.json gives them all at once
(the file the preview's "Download these choices" gives, or written by hand:
{"columns": {"Deliverable": "action"}, "title_rows": {"2:5": "objective"}, "keep_apart": []}).

Exit codes: 0 the plan was read (and imported, without --dry-run); 1 the file was refused
and nothing was written (the message says why and where); 3 the plan was read (and imported,
without --dry-run) but may be incomplete: a warning says what was seen that gave no actions,
or how much of the document's text was left out."""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from saferplan.core.text import counted
from saferplan.imports import seen, selectors, services
from saferplan.imports.columns import normalise
from saferplan.imports.corrections import (
    MEANINGS,
    TITLE_LEVELS,
    CorrectionError,
    Corrections,
    pair,
)
from saferplan.imports.parsed import PlanFileError
from saferplan.imports.readers import parse_plan
from saferplan.partnerships.models import Partnership

LEFTOVERS_SHOWN = 20


# The words of ParsedPlan.counts(), one and many.
NOUNS = {
    "aims": ("aim",),
    "priorities": ("priority", "priorities"),
    "objectives": ("objective",),
    "actions": ("action",),
    "updates": ("update",),
    "owners": ("owner",),
    "warnings": ("warning",),
}


class Command(BaseCommand):
    help = (
        "Import a plan document (Word, PDF, Excel, CSV, HTML or text with tables) into a "
        "partnership. Exit code 1: refused, nothing written; 3: read, but may be incomplete."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--partnership", required=True, help="The partnership's slug, for example hertsmere."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the preview; write nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print the preview as JSON.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the draft plan an earlier import of this file made.",
        )
        parser.add_argument(
            "--keep-apart",
            action="append",
            default=[],
            metavar="FILE:LINE",
            help="Do not merge this row into the row before it (repeatable).",
        )
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="HEADING=MEANING",
            help="What the column with this heading means (repeatable): "
            + ", ".join(m for m in MEANINGS if m)
            + ", or nothing after = for not imported.",
        )
        parser.add_argument(
            "--title-row",
            action="append",
            default=[],
            metavar="TABLE:ROW=LEVEL",
            help="What a title row inside a table is (repeatable): " + ", ".join(TITLE_LEVELS),
        )
        parser.add_argument(
            "--mapping",
            type=Path,
            help="A JSON file of corrections (columns, title_rows, keep_apart).",
        )

    def handle(
        self,
        *args,
        file: Path,
        partnership: str,
        dry_run: bool,
        json: bool,
        replace: bool,
        keep_apart: list[str],
        column: list[str],
        title_row: list[str],
        mapping: Path | None,
        **options,
    ):
        try:
            target = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            slugs = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No partnership “{partnership}”. Partnerships: {slugs}.") from None
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        corrections = _corrections(mapping, column, title_row, keep_apart)
        try:
            parsed = parse_plan(content, file.name, corrections=corrections)
        except PlanFileError as error:
            raise CommandError(str(error)) from None
        if json:
            self.stdout.write(
                _json(
                    parsed,
                    selectors.unmatched_owners(
                        parsed=parsed, matcher=selectors.owner_matcher(partnership=target)
                    ),
                )
            )
        else:
            self._preview(parsed, target)
        if dry_run:
            self._exit_if_incomplete(parsed)
            return
        try:
            plan = services.plan_import(
                actor=None,
                partnership=target,
                file_name=file.name,
                content=content,
                corrections=corrections,
                replace=replace,
                progress=self._progress,
            )
        except services.DuplicateImportError as error:
            raise CommandError(f"{error} Use --replace to replace that draft.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if not json:
            self.stderr.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported “{plan.title}” into {target} as a draft (plan {plan.pk})."
                )
            )

        self._exit_if_incomplete(parsed)

    def _exit_if_incomplete(self, parsed) -> None:
        """Exit code 3 when a warning says the result may be incomplete (imports/seen.py)."""
        if any(warning.kind in seen.INCOMPLETE for warning in parsed.warnings):
            self.stdout.flush()
            raise SystemExit(seen.INCOMPLETE_EXIT_CODE)

    def _progress(self, done: int, total: int) -> None:
        if sys.stderr.isatty() or done == total or done % 25 == 0:
            self.stderr.write(f"\rWriting actions: {done} of {total}", ending="")

    def _preview(self, parsed, partnership) -> None:
        counts = parsed.counts()
        self.stdout.write(f"{parsed.title}")
        period = (
            f"{parsed.period_start:%d %B %Y} to {parsed.period_end:%d %B %Y}"
            if parsed.period_start
            else "period not found in the title"
        )
        self.stdout.write(f"  {period}")
        self.stdout.write(
            "  " + ", ".join(counted(number, *NOUNS[name]) for name, number in counts.items())
        )
        for priority in parsed.priorities:
            self.stdout.write(
                f"  {priority.number}. {priority.title[:90]} – "
                f"{counted(len(priority.objectives), 'objective')}, "
                f"{counted(len(priority.all_actions()), 'action')}"
            )
        unmatched = selectors.unmatched_owners(
            parsed=parsed, matcher=selectors.owner_matcher(partnership=partnership)
        )
        if unmatched:
            self.stdout.write("  Owners that match no organisation or group of the partnership:")
            for text, count in sorted(unmatched.items()):
                self.stdout.write(f"    “{text}” ({counted(count, 'action')})")
        if parsed.warnings:
            self.stdout.write("  Warnings:")
            for warning in parsed.warnings:
                self.stdout.write(f"    {warning.location}: {warning.message}")
        for table in parsed.tables:
            self.stdout.write(f"  Table {table['index']} ({table['where']}), {table['rows']} rows:")
            for column in table["columns"]:
                meaning = MEANINGS[column["meaning"]].lower()
                self.stdout.write(f"    column “{column['heading'][:60]}”: {meaning}")
            for row in table["title_rows"]:
                self.stdout.write(
                    f"    title row {row['key']} “{row['text'][:60]}”: {TITLE_LEVELS[row['level']].lower()}"
                )
        if parsed.leftovers:
            self.stdout.write(
                f"  Not imported ({len(parsed.leftovers)} pieces of text; --json lists all):"
            )
            for piece in parsed.leftovers[:LEFTOVERS_SHOWN]:
                self.stdout.write(f"    {piece['where']}: {piece['text'][:80]}")


def _corrections(
    mapping: Path | None, columns: list[str], title_rows: list[str], keep_apart: list[str]
) -> Corrections:
    """The mapping file's corrections, with the options' on top of them."""
    try:
        found = Corrections()
        if mapping is not None:
            try:
                text = mapping.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{mapping}: {getattr(error, 'strerror', error)}") from None
            found = Corrections.from_json(text, str(mapping))
        chosen = dict(pair(c, "--column") for c in columns)
        return Corrections(
            columns={**found.columns, **{normalise(k): v for k, v in chosen.items()}},
            title_rows={**found.title_rows, **dict(pair(t, "--title-row") for t in title_rows)},
            no_merge=found.no_merge | frozenset(keep_apart),
        )
    except CorrectionError as error:
        raise CommandError(str(error)) from None


def _json(parsed, unmatched) -> str:
    tree = parsed.as_dict()
    tree["unmatched_owners"] = unmatched
    return json.dumps(tree, indent=2, default=str)
