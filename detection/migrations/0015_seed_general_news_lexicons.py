"""General-news wordings for the subject lexicon (floods, fires, outbreaks,
strikes), and armed groups whose names contain a state's word ("army") for
the control-holder lexicon. Editors change both in the admin; this migration
only adds rows that are missing and removes only its own rows when reversed.
It carries its own data (no import of live code).

What is left out on purpose (docs/detection.md, "Subjects"): "casualties"
(killed and wounded together), "residents" and "civilians" against "people"
(a part of the people, not all of them), "ballots" against "votes" (spoilt
and blank ballots are no one's votes), "detained" against "arrested" (people
held and released are never arrested), "jobs" alone (created or cut).
"""

from django.db import migrations

SUBJECT_SYNONYMS = [
    # (phrase, canonical, note)
    # A death toll is a count of people killed. A subject that says only what
    # happened ("deaths", "dead") counts people (detection/rules/subjects.py).
    ("deaths", "killed", "'14 deaths' counts the same people as '14 people killed'."),
    ("death", "killed", "'one death'."),
    ("death toll", "killed", "'a death toll of 14' is 14 people killed."),
    ("death tolls", "killed", ""),
    ("toll of dead", "killed", ""),
    ("fatalities", "killed", ""),
    ("fatality", "killed", ""),
    ("died", "killed", "'14 people died' and '14 people were killed' are one toll: deaths count both."),
    ("lives lost", "killed", ""),
    ("civilian", "civilians", "'civilian deaths' counts the same as 'civilians killed'."),
    ("child", "children", "'child deaths' counts the same as 'children killed'."),
    ("persons", "people", ""),
    ("injuries", "wounded", "'40 injuries' and '40 people injured': one count of the hurt."),
    ("houses", "homes", "'300 houses destroyed' counts the same as '300 homes destroyed'."),
    ("house", "homes", ""),
    ("home", "homes", ""),
    ("dwellings", "homes", ""),
    ("destroyed homes", "homes destroyed", "The same count with the words the other way round."),
    ("destroyed houses", "homes destroyed", ""),
    ("damaged homes", "homes damaged", ""),
    ("damaged houses", "homes damaged", ""),
    ("infections", "cases", "Outbreak reports use 'infections' and 'cases' for one count."),
    ("infection", "cases", ""),
    ("case", "cases", ""),
    ("job cuts", "jobs cut", "'900 job cuts', '900 jobs lost' and '900 layoffs' count the same jobs."),
    ("job losses", "jobs cut", ""),
    ("jobs lost", "jobs cut", ""),
    ("lost jobs", "jobs cut", ""),
    ("layoffs", "jobs cut", ""),
    ("redundancies", "jobs cut", ""),
]

CONTROL_HOLDERS = [
    # (phrase, side): named groups whose names hold "army", entered with their side
    # so the state's word inside the name never credits them to the government.
    ("free syrian army", "opposition"),
    ("syrian national army", "opposition"),
    ("kosovo liberation army", "opposition"),
    ("national liberation army", "opposition"),
    ("mahdi army", "opposition"),
]


def seed(apps, schema_editor):
    SubjectSynonym = apps.get_model("detection", "SubjectSynonym")
    ControlHolderTerm = apps.get_model("detection", "ControlHolderTerm")
    for phrase, canonical, note in SUBJECT_SYNONYMS:
        SubjectSynonym.objects.get_or_create(phrase=phrase, defaults={"canonical": canonical, "note": note})
    for phrase, side in CONTROL_HOLDERS:
        ControlHolderTerm.objects.get_or_create(phrase=phrase, defaults={"side": side})


def unseed(apps, schema_editor):
    apps.get_model("detection", "SubjectSynonym").objects.filter(
        phrase__in=[row[0] for row in SUBJECT_SYNONYMS]
    ).delete()
    apps.get_model("detection", "ControlHolderTerm").objects.filter(
        phrase__in=[row[0] for row in CONTROL_HOLDERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("detection", "0014_dispute_scope_for_every_question")]

    operations = [migrations.RunPython(seed, unseed)]
