"""Editors may register webhook endpoints. Carries its own data (the group
name and the permission) rather than importing live code."""

from django.db import migrations

EDITOR_GROUP = "editor"
CODENAME = "manage_webhookendpoint"


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Django makes permissions only after all migrations ran: make ours now.
    create_permissions(global_apps.get_app_config("webhooks"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="webhooks", codename=CODENAME)
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    permission = Permission.objects.filter(content_type__app_label="webhooks", codename=CODENAME).first()
    if group and permission:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
        ("accounts", "0001_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
