"""Issue 19: the attack terms the extractor reads who did it from, and the
denial verbs it did not know ("refuted", "dismissed ... as false"). The terms
are carried here, not imported, and only missing ones are added: an editor's
changes stay."""

from django.db import migrations

ATTACK_TERMS = [
    "airstrike",
    "airstrikes",
    "air strike",
    "air strikes",
    "strike",
    "strikes",
    "bombing",
    "bombings",
    "bombardment",
    "shelling",
    "attack",
    "attacks",
    "raid",
    "raids",
    "offensive",
    "shelled",
    "bombed",
    "attacked",
    "raided",
    "struck",
    "fired on",
    "opened fire on",
    "targeted",
    "killed",
]
TERMS = [("attack_term", term, "") for term in ATTACK_TERMS] + [
    ("reporting_verb", term, "") for term in ("rejects", "dismissed", "dismisses", "refuted", "refutes")
]


def add_terms(apps, schema_editor):
    LexiconTerm = apps.get_model("ingestion", "LexiconTerm")
    existing = set(LexiconTerm.objects.values_list("lexicon", "term"))
    LexiconTerm.objects.bulk_create(
        [
            LexiconTerm(lexicon=lexicon, term=term, value=value)
            for lexicon, term, value in TERMS
            if (lexicon, term) not in existing
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0006_proposal_responsible_party_and_denial")]

    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
