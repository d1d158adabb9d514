"""A starting set for the detection lexicons. Editors change them in the admin;
this migration only adds rows that are missing and removes only its own rows
when reversed."""

from django.db import migrations

SUBJECT_SYNONYMS = [
    # (phrase, canonical, note)
    ("militant", "militants", "Singular form."),
    ("insurgents", "militants", "The wire's neutral word for the same fighters."),
    ("insurgent", "militants", ""),
    ("rebels", "militants", ""),
    ("rebel", "militants", ""),
    ("fighters", "militants", ""),
    ("fighter", "militants", ""),
    ("opposition fighters", "militants", ""),
    ("armed opposition", "militants", ""),
    ("jihadists", "militants", ""),
    ("gunmen", "militants", ""),
    ("terrorists", "militants", "A party's word for the same fighters (see contested terms)."),
    ("dead", "killed", "'militants dead' counts the same as 'militants killed'."),
    ("slain", "killed", ""),
    ("injured", "wounded", ""),
    ("hurt", "wounded", ""),
    ("troops", "soldiers", ""),
    ("servicemen", "soldiers", ""),
    ("government troops", "soldiers", ""),
    ("government soldiers", "soldiers", ""),
    ("non-combatants", "civilians", ""),
]

CONTESTED_TERMS = [
    # (term, counterparts, note)
    (
        "redeployment",
        "retreat, withdrawal, withdrew, fled",
        "A side describing its own retreat; the other side and neutral reports say it retreated.",
    ),
    (
        "repositioning",
        "retreat, withdrawal, withdrew, fled",
        "Another euphemism for a retreat.",
    ),
    (
        "terrorists",
        "insurgents, rebels, opposition fighters, militants, fighters",
        "A party's label for armed opponents; neutral copy says insurgents or rebels.",
    ),
    (
        "liberated",
        "seized, captured, overran, occupied",
        "Who 'liberates' and who 'seizes' a place depends on the side telling it.",
    ),
    (
        "neutralised",
        "killed, dead",
        "A euphemism for killing, common in military statements.",
    ),
    (
        "collateral damage",
        "civilians killed, civilian deaths, civilian casualties",
        "Describing civilian deaths as a side effect.",
    ),
]

CONTROL_EXTENTS = [
    # (phrase, share_low, share_high, note): the share of a place the named side holds.
    ("all of", 95, 100, ""),
    ("full control", 95, 100, ""),
    ("entire", 95, 100, ""),
    ("whole of", 95, 100, ""),
    ("most of", 50, 95, "More than half, not all."),
    ("much of", 35, 90, ""),
    ("large parts", 25, 80, "A substantial share, explicitly not the whole."),
    ("large part", 25, 80, ""),
    ("large areas", 25, 80, ""),
    ("parts of", 5, 60, ""),
    ("some areas", 5, 50, ""),
    ("some districts", 5, 50, ""),
    ("outskirts", 0, 20, "Only the edge of the place."),
    ("pockets", 0, 15, ""),
    ("only", 0, 15, "'Holds only the airport': a sliver of the place."),
    ("limited to", 0, 10, ""),
    ("confined to", 0, 10, ""),
    ("a handful", 0, 10, ""),
]

CONTROL_HOLDERS = [
    # (phrase, side)
    ("government", "government"),
    ("government forces", "government"),
    ("regime", "government"),
    ("army", "government"),
    ("military", "government"),
    ("troops", "government"),
    ("soldiers", "government"),
    ("loyalists", "government"),
    ("insurgents", "opposition"),
    ("rebels", "opposition"),
    ("militants", "opposition"),
    ("opposition", "opposition"),
    ("fighters", "opposition"),
    ("jihadists", "opposition"),
    ("terrorists", "opposition"),
]


def seed(apps, schema_editor):
    SubjectSynonym = apps.get_model("detection", "SubjectSynonym")
    ContestedTerm = apps.get_model("detection", "ContestedTerm")
    ControlExtentTerm = apps.get_model("detection", "ControlExtentTerm")
    ControlHolderTerm = apps.get_model("detection", "ControlHolderTerm")
    for phrase, canonical, note in SUBJECT_SYNONYMS:
        SubjectSynonym.objects.get_or_create(phrase=phrase, defaults={"canonical": canonical, "note": note})
    for term, counterparts, note in CONTESTED_TERMS:
        ContestedTerm.objects.get_or_create(term=term, defaults={"counterparts": counterparts, "note": note})
    for phrase, low, high, note in CONTROL_EXTENTS:
        ControlExtentTerm.objects.get_or_create(
            phrase=phrase, defaults={"share_low": low, "share_high": high, "note": note}
        )
    for phrase, side in CONTROL_HOLDERS:
        ControlHolderTerm.objects.get_or_create(phrase=phrase, defaults={"side": side})


def unseed(apps, schema_editor):
    apps.get_model("detection", "SubjectSynonym").objects.filter(
        phrase__in=[row[0] for row in SUBJECT_SYNONYMS]
    ).delete()
    apps.get_model("detection", "ContestedTerm").objects.filter(
        term__in=[row[0] for row in CONTESTED_TERMS]
    ).delete()
    apps.get_model("detection", "ControlExtentTerm").objects.filter(
        phrase__in=[row[0] for row in CONTROL_EXTENTS]
    ).delete()
    apps.get_model("detection", "ControlHolderTerm").objects.filter(
        phrase__in=[row[0] for row in CONTROL_HOLDERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("detection", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
