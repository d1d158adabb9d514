"""The newsroom's three roles, as Django groups.

- viewer: reads everything, writes nothing.
- fact-checker: also creates claims, attributions and relations, and acts on
  conflict flags (acknowledge, assign, resolve, dismiss).
- editor: may do everything, including sources, documents, events and a
  claim's verification status.

The groups and their permissions are created by the data migration
accounts/migrations/0001_roles.py, which carries its own copy of the tables
below (a migration never imports live code); `ensure_role_groups` recreates
them from these tables where they are missing (a flushed test database, the
demo). A change to what a role may do needs a migration of its own.
"""

from django.conf import settings
from django.db.models import TextChoices

from core.permission_cache import cached_group_names


class Role(TextChoices):
    EDITOR = "editor", "Editor"
    FACT_CHECKER = "fact-checker", "Fact-checker"
    VIEWER = "viewer", "Viewer"


# Models each role may read, and which (app_label, codename) permissions it gets
# on top of reading. "view_" permissions for every listed model go to every role.
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
    # Granted by webhooks/migrations/0002; listed here so a later re-sync keeps it.
    ("webhooks", "manage_webhookendpoint"),
]


def role_permission_codes(role: str) -> list[tuple[str, str]]:
    reads = [(app, f"view_{model}") for app, models in READABLE_MODELS.items() for model in models]
    extra = {Role.VIEWER: [], Role.FACT_CHECKER: FACT_CHECKER_EXTRA, Role.EDITOR: EDITOR_EXTRA}[role]
    return reads + list(extra)


def sync_role_groups(apps) -> None:
    """Create the three groups and give each exactly its role's permissions.

    Takes the migration's historical `apps` so it runs inside data migrations.
    Permissions are created first because Django only makes them after all
    migrations have run, which is too late for a data migration.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = role_permission_codes(role)
        permissions = []
        for app_label, codename in wanted:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)


def user_role(user) -> str | None:
    """The strongest role a user holds, or None. Superusers count as editors."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.EDITOR.value
    names = cached_group_names(user)
    if names is None:
        names = {group.name for group in user.groups.all()}
    for role in (Role.EDITOR, Role.FACT_CHECKER, Role.VIEWER):
        if role.value in names:
            return role.value
    return None


def ensure_role_groups() -> None:
    """Recreate the role groups if any is missing (a database flushed by a
    test, a hand-made database); a no-op on any migrated database."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    if Group.objects.filter(name__in=Role.values).count() < len(Role.values):
        sync_role_groups(apps)


# Weakest first: a refusal names the least a user needs.
ROLES_WEAKEST_FIRST = (Role.VIEWER, Role.FACT_CHECKER, Role.EDITOR)


def roles_allowing(permissions: list[str]) -> list[str]:
    """The roles whose permissions include all of `permissions`
    ("app_label.codename"), weakest first."""
    wanted = {tuple(code.split(".", 1)) for code in permissions}
    return [role.value for role in ROLES_WEAKEST_FIRST if wanted <= set(role_permission_codes(role))]


def whom_to_ask() -> str:
    if settings.ROLE_CONTACT:
        return settings.ROLE_CONTACT
    if getattr(settings, "OIDC_ENABLED", False):
        return "whoever manages your newsroom's groups at its sign-in provider (roles come from those groups)"
    return "an administrator of this Claimtrack (someone who can open its admin site)"


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def role_refusal(*, user, permissions: list[str]):
    """The RoleRequired to raise when `user` lacks one of `permissions`:
    their role, the roles that would allow it, and whom to ask (the
    ROLE_REFUSAL hook, core/permissions.py)."""
    from core.permissions import RoleRequired

    yours = user_role(user)
    needed = [role for role in roles_allowing(permissions) if role != yours]
    ask = whom_to_ask()
    held = f"Your role, {yours}," if yours else "Your account has no newsroom role and"
    if not needed:
        message = f"{held} does not allow this, and no newsroom role does; ask {ask} if you need it."
    else:
        plural = "role" if len(needed) == 1 else "roles"
        message = (
            f"{held} does not allow this: it needs the {_either(needed)} {plural}. "
            f"Ask {ask} to give your account that role."
        )
    return RoleRequired(message, your_role=yours, needed_roles=needed, ask=ask)
