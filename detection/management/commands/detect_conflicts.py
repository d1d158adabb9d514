"""manage.py detect_conflicts [--all | --claim ID | --disputes]: run the conflict
checks by hand, or file every flag under its dispute again."""

from django.core.management.base import BaseCommand, CommandError

from claims.models import Claim
from detection.dispute_services import disputes_sync_all
from detection.services import Outcome, conflicts_detect_for_claim, conflicts_sweep


class Command(BaseCommand):
    help = (
        "Run conflict detection and print every flag raised, re-opened or updated. "
        "Without options, checks the claims changed since the last sweep (as the periodic task does)."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--all", action="store_true", help="Check every claim.")
        group.add_argument("--claim", type=int, metavar="ID", help="Check one claim.")
        group.add_argument(
            "--disputes",
            action="store_true",
            help=(
                "Run no rule: file every flag under the dispute it belongs to now (after an upgrade "
                "that keys disputes differently), and recompute the disputes' stored state. Idempotent."
            ),
        )

    def handle(self, *args, **options):
        if options["disputes"]:
            changed = disputes_sync_all()
            self.stdout.write(self.style.SUCCESS(f"{changed} flag(s) filed or moved to another dispute."))
            return
        if options["claim"] is not None:
            if not Claim.objects.filter(pk=options["claim"]).exists():
                raise CommandError(f"There is no claim #{options['claim']}.")
            outcomes = conflicts_detect_for_claim(claim_id=options["claim"])
            checked = 1
        else:
            # By hand there is no time budget: run until every claim is checked.
            report = conflicts_sweep(full=options["all"], time_budget=float("inf"))
            if report.skipped:
                raise CommandError("A sweep is already running; try again when it has finished.")
            outcomes, checked = report.outcomes, report.checked
        for outcome in outcomes:
            self.stdout.write(str(outcome))
        created = sum(1 for outcome in outcomes if outcome.outcome == Outcome.CREATED)
        reopened = sum(1 for outcome in outcomes if outcome.outcome == Outcome.REOPENED)
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {checked} claim(s): {created} flag(s) raised, {reopened} re-opened, "
                f"{len(outcomes) - created - reopened} updated."
            )
        )
