"""Create the editor, fact-checker and viewer groups with their permissions.

Carries its own copy of the role table as it stood when it was written (data
migrations never import live code: accounts/roles.py changes later). A later
change to what a role may do needs its own migration.
"""

from django.db import migrations

READABLE_MODELS = {
    "sources": ["source", "document"],
    "claims": ["event", "claim", "attribution", "claimrelation", "conflictflag", "auditentry"],
}
FACT_CHECKER_EXTRA = [
    ("claims", "add_claim"),
    ("claims", "change_claim"),
    ("claims", "add_attribution"),
    ("claims", "change_attribution"),
    ("claims", "add_claimrelation"),
    ("claims", "triage_conflictflag"),
]
EDITOR_EXTRA = FACT_CHECKER_EXTRA + [
    ("sources", "add_source"),
    ("sources", "change_source"),
    ("sources", "delete_source"),
    ("sources", "add_document"),
    ("sources", "change_document"),
    ("sources", "delete_document"),
    ("claims", "add_event"),
    ("claims", "change_event"),
    ("claims", "delete_event"),
    ("claims", "delete_claim"),
    ("claims", "delete_attribution"),
    ("claims", "change_claimrelation"),
    ("claims", "delete_claimrelation"),
    ("claims", "verify_claim"),
]
ROLE_EXTRA = {"viewer": [], "fact-checker": FACT_CHECKER_EXTRA, "editor": EDITOR_EXTRA}


def create_role_groups(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Django creates permissions only after every migration has run: too late
    # for this one, so create them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reads = [(app, f"view_{model}") for app, models in READABLE_MODELS.items() for model in models]
    for role, extra in ROLE_EXTRA.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for app_label, codename in reads + extra:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        ("claims", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
