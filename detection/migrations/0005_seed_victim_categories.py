"""A starting set of victim categories for the victim-status rule. Editors
change it in the admin; this migration only adds rows that are missing and
removes only its own rows when reversed. It carries its own data (no import
of live code)."""

from django.db import migrations

COMBATANT, NON_COMBATANT = "combatant", "non_combatant"

VICTIM_CATEGORIES = [
    # (phrase, category, note)
    ("militants", COMBATANT, ""),
    ("militant", COMBATANT, ""),
    ("insurgents", COMBATANT, ""),
    ("insurgent", COMBATANT, ""),
    ("fighters", COMBATANT, ""),
    ("fighter", COMBATANT, ""),
    ("rebels", COMBATANT, ""),
    ("rebel", COMBATANT, ""),
    ("soldiers", COMBATANT, ""),
    ("soldier", COMBATANT, ""),
    ("troops", COMBATANT, ""),
    ("combatants", COMBATANT, ""),
    ("gunmen", COMBATANT, ""),
    ("jihadists", COMBATANT, ""),
    ("terrorists", COMBATANT, "A party's label for armed opponents."),
    ("servicemen", COMBATANT, ""),
    ("civilians", NON_COMBATANT, ""),
    ("civilian", NON_COMBATANT, ""),
    ("non-combatants", NON_COMBATANT, ""),
    ("children", NON_COMBATANT, ""),
    ("residents", NON_COMBATANT, ""),
    ("villagers", NON_COMBATANT, ""),
    ("aid workers", NON_COMBATANT, ""),
    ("medics", NON_COMBATANT, ""),
    ("patients", NON_COMBATANT, ""),
    ("journalists", NON_COMBATANT, ""),
    ("worshippers", NON_COMBATANT, ""),
    ("schoolchildren", NON_COMBATANT, ""),
    ("women and children", NON_COMBATANT, ""),
]


def seed(apps, schema_editor):
    VictimCategoryTerm = apps.get_model("detection", "VictimCategoryTerm")
    for phrase, category, note in VICTIM_CATEGORIES:
        VictimCategoryTerm.objects.get_or_create(phrase=phrase, defaults={"category": category, "note": note})


def unseed(apps, schema_editor):
    apps.get_model("detection", "VictimCategoryTerm").objects.filter(
        phrase__in=[row[0] for row in VICTIM_CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("detection", "0004_victim_category_terms")]

    operations = [migrations.RunPython(seed, unseed)]
