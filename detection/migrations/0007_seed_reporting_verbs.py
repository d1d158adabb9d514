"""A starting set of reporting verbs and the stance each carries, for the
attribution balance. Editors change it in the admin; this migration only adds
missing rows and removes only its own when reversed. It carries its own data."""

from django.db import migrations

DISTANCING, NEUTRAL, ENDORSING = "distancing", "neutral", "endorsing"

REPORTING_VERBS = [
    # (verb, stance, note)
    ("claim", DISTANCING, "Matches claimed, claims, claiming."),
    ("allege", DISTANCING, ""),
    ("insist", DISTANCING, ""),
    ("purport", DISTANCING, ""),
    ("contend", DISTANCING, ""),
    ("maintained", DISTANCING, ""),
    ("said", NEUTRAL, "Style guides prefer it for its neutrality."),
    ("says", NEUTRAL, ""),
    ("stated", NEUTRAL, ""),
    ("told", NEUTRAL, ""),
    ("added", NEUTRAL, ""),
    ("report", NEUTRAL, ""),
    ("announce", NEUTRAL, ""),
    ("according to", NEUTRAL, ""),
    ("confirm", ENDORSING, ""),
    ("acknowledge", ENDORSING, ""),
    ("revealed", ENDORSING, "Matches reveals, revealing."),
    ("verified", ENDORSING, ""),
    ("established", ENDORSING, ""),
    ("documented", ENDORSING, ""),
    ("admitted", ENDORSING, "Conceding a fact against one's interest."),
]


def seed(apps, schema_editor):
    ReportingVerbStance = apps.get_model("detection", "ReportingVerbStance")
    for verb, stance, note in REPORTING_VERBS:
        ReportingVerbStance.objects.get_or_create(verb=verb, defaults={"stance": stance, "note": note})


def unseed(apps, schema_editor):
    apps.get_model("detection", "ReportingVerbStance").objects.filter(
        verb__in=[row[0] for row in REPORTING_VERBS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("detection", "0006_reporting_verb_stances")]

    operations = [migrations.RunPython(seed, unseed)]
