"""Give existing history lines the structured fields code now reads.

Carries its own patterns and texts (no imports from the live app): they are
what claims.services and detection.services wrote before this release.
- every entry: object_type/object_id from its claim or flag;
- "Edited: text, place" notes on a claim: action "edited", the fields in `changes`;
- "Conflict #12 resolved: ..." status changes: the flag as the related object;
- detection's stale note on a flag: action "stale".
"""

import re

from django.db import migrations

EDITED_PREFIX = "Edited: "
RESOLVED_BY_FLAG = re.compile(r"^Conflict #([0-9]+) resolved")
STALE_NOTE = (
    "Detection no longer finds this conflict after its claims changed; an editor should confirm and close it."
)


def forwards(apps, schema_editor):
    AuditEntry = apps.get_model("claims", "AuditEntry")
    for entry in AuditEntry.objects.filter(object_type="").iterator(chunk_size=500):
        fields = ["object_type", "object_id"]
        if entry.claim_id:
            entry.object_type, entry.object_id = "claim", entry.claim_id
        elif entry.flag_id:
            entry.object_type, entry.object_id = "flag", entry.flag_id
        if entry.action == "note" and entry.claim_id and entry.reason.startswith(EDITED_PREFIX):
            names = [name.strip().replace(" ", "_") for name in entry.reason[len(EDITED_PREFIX) :].split(",")]
            # Before this release only the field names were kept, not the values.
            entry.action, entry.changes, entry.reason = "edited", {name: ["", ""] for name in names if name}, ""
            fields += ["action", "changes", "reason"]
        elif entry.action == "status" and entry.claim_id:
            match = RESOLVED_BY_FLAG.match(entry.reason)
            if match:
                entry.related_type, entry.related_id = "flag", int(match.group(1))
                fields += ["related_type", "related_id"]
        elif entry.action == "note" and entry.flag_id and entry.reason == STALE_NOTE:
            entry.action = "stale"
            fields += ["action"]
        entry.save(update_fields=fields)


def backwards(apps, schema_editor):
    AuditEntry = apps.get_model("claims", "AuditEntry")
    for entry in AuditEntry.objects.filter(action="edited", claim__isnull=False).iterator(chunk_size=500):
        entry.action = "note"
        entry.reason = EDITED_PREFIX + ", ".join(name.replace("_", " ") for name in entry.changes)
        entry.save(update_fields=["action", "reason"])
    AuditEntry.objects.filter(action="stale").update(action="note")


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_audit_structured_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
