"""Score the extractor on hand-labelled articles: precision and recall of
speaker, figure and excerpt (docs/extraction.md).

    python manage.py evaluate_extraction
    python manage.py evaluate_extraction --corpus tests/ingestion/corpus_heldout --mistakes
    python manage.py evaluate_extraction --condition demo   # with the demo story's sources
    python manage.py evaluate_extraction --database-lexicon   # the lexicon as edited in the admin
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ingestion.evaluation import CONDITIONS, LABELLED, evaluate_corpus
from ingestion.extraction import Lexicon

DEFAULT_CORPORA = (
    "tests/ingestion/corpus",
    "tests/ingestion/corpus_heldout",
    "tests/ingestion/corpus_unseen",
    "tests/ingestion/corpus_fresh",
    "tests/ingestion/corpus_final",
    "tests/ingestion/corpus_blind",
)


class Command(BaseCommand):
    help = "Report the extractor's precision and recall on labelled articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", action="append", help="A folder of .txt articles with .json labels (repeatable)."
        )
        parser.add_argument(
            "--database-lexicon",
            action="store_true",
            help="Use the lexicon terms in the database instead of the starting set.",
        )
        parser.add_argument(
            "--condition",
            choices=CONDITIONS,
            default=LABELLED,
            help="Sources the extractor knows: the article's own (labelled), none (empty) or the demo's.",
        )
        parser.add_argument("--mistakes", action="store_true", help="List every miss and wrong answer.")

    def handle(self, *args, **options):
        if options["database_lexicon"]:
            from ingestion.selectors import lexicon_current

            lexicon = lexicon_current()
        else:
            lexicon = Lexicon.starting()
        folders = options["corpus"] or [str(Path(settings.BASE_DIR) / path) for path in DEFAULT_CORPORA]
        for folder in folders:
            if not Path(folder).is_dir():
                raise CommandError(f"No corpus folder at {folder}.")
            report = evaluate_corpus(Path(folder), lexicon=lexicon, condition=options["condition"])
            self.stdout.write(f"== {folder}")
            self.stdout.write(report.as_table())
            if options["mistakes"]:
                for mistake in report.mistakes:
                    self.stdout.write(f"  - {mistake}")
            self.stdout.write("")
