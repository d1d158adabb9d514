from django.core.management.base import BaseCommand

from anchoring.corpus.revised_pairs import PAIRS
from anchoring.evaluation import evaluate


class Command(BaseCommand):
    help = "Re-anchor the excerpts of the revised-article pairs and print the counts (docs/versions.md)."

    def add_arguments(self, parser):
        parser.add_argument("--details", action="store_true", help="One line per excerpt.")

    def handle(self, *args, details: bool = False, **options):
        report = evaluate(PAIRS)
        if details:
            for name, excerpt, status, verdict in report.details:
                self.stdout.write(f"{verdict:7} {status:9} {name}: {excerpt}")
        self.stdout.write(
            f"{len(PAIRS)} pairs, {report.excerpts} excerpts: {report.exact} exact, {report.fuzzy} fuzzy, "
            f"{report.orphaned} orphaned; {report.right} right, {report.wrong} wrong, "
            f"{report.missed} missed (still there but orphaned); {report.boundaries_exact} with exact boundaries."
        )
