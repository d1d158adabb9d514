"""Plain-dict rendering of claims and conflict flags for the API, the same JSON as DRF's field
machinery (tests/api/test_fast_serializer.py compares them byte for byte).

A claim list page renders 50 claims with about two attributions each, each
with its source and document: some 1,500 DRF field calls per page, 15-20% of
the request's CPU. Here each known field is read straight off the model; a
field this module does not know (one added to the serializer later) is
rendered by its DRF field, so output stays right, only slower, until it is
added here.
"""

from collections.abc import Callable

from django.utils import timezone
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from claims.origins import claim_origin_summary
from claims.selectors import claim_relation_briefs, prefetched_rows

_SKIP = object()


def datetime_text(value, zone=None) -> str | None:
    """As DRF's DateTimeField writes it: in the current time zone (or `zone`,
    the current one read once by the caller), UTC as "Z"."""
    if not value:
        return None
    text = value.astimezone(zone or timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def date_text(value) -> str | None:
    return value.isoformat() if value else None


def _drf_field(field) -> Callable:
    def render(instance, _zone):
        try:
            attribute = field.get_attribute(instance)
        except SkipField:
            return _SKIP
        check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check is None else field.to_representation(attribute)

    return render


class Plan(list):
    """(field name, builder) pairs in the serializer's order; `uses_drf_fields`
    when some field (here or nested) is rendered by its bound DRF field."""

    uses_drf_fields = False


def _plan(serializer, builders: dict[str, Callable], *nested: "Plan") -> Plan:
    """For each readable field, in the serializer's order: the fast builder
    when there is one, else the DRF field."""
    plan = Plan()
    plan.uses_drf_fields = any(inner.uses_drf_fields for inner in nested)
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if name in builders:
            plan.append((name, builders[name]))
        else:
            plan.append((name, _drf_field(field)))
            plan.uses_drf_fields = True
    return plan


def _render(plan, instance, zone) -> dict:
    """`zone`: the current time zone, read once per serializer: reading it
    (an asgiref Local) costs 20-40 µs, and a list page has some 400 datetimes."""
    data = {}
    for name, build in plan:
        value = build(instance, zone)
        if value is not _SKIP:
            data[name] = value
    return data


def source_builders() -> dict[str, Callable]:
    return {
        "id": lambda s, _: s.pk,
        "slug": lambda s, _: s.slug,
        "name": lambda s, _: s.name,
        "kind": lambda s, _: s.kind,
        "affiliation": lambda s, _: s.affiliation,
        "side": lambda s, _: s.side,
        "reliability": lambda s, _: s.reliability,
    }


def document_builders() -> dict[str, Callable]:
    return {
        "id": lambda d, _: d.pk,
        "title": lambda d, _: d.title,
        "url": lambda d, _: d.url,
        "published_at": lambda d, zone: datetime_text(d.published_at, zone),
    }


def _nested(serializer_field, builders: dict[str, Callable], plans: list) -> Callable:
    """A nested object (or None), rendered with its own plan."""
    plan = _plan(serializer_field, builders)
    plans.append(plan)
    return lambda value, zone: None if value is None else _render(plan, value, zone)


def attribution_plan(serializer) -> Plan:
    fields = serializer.fields
    nested: list[Plan] = []
    source = _nested(fields["source"], source_builders(), nested) if "source" in fields else None
    document = _nested(fields["document"], document_builders(), nested) if "document" in fields else None
    relayed_by = _nested(fields["relayed_by"], source_builders(), nested) if "relayed_by" in fields else None
    builders = {
        "id": lambda a, _: a.pk,
        "claim": lambda a, _: a.claim_id,
        "excerpt": lambda a, _: a.excerpt,
        "excerpt_start": lambda a, _: a.excerpt_start,
        "excerpt_end": lambda a, _: a.excerpt_end,
        "form": lambda a, _: a.form,
        "reporting_verb": lambda a, _: a.reporting_verb,
        "created_at": lambda a, zone: datetime_text(a.created_at, zone),
        "updated_at": lambda a, zone: datetime_text(a.updated_at, zone),
    }
    if source:
        builders["source"] = lambda a, zone: source(a.source, zone)
    if document:
        builders["document"] = lambda a, zone: document(a.document if a.document_id else None, zone)
    if relayed_by:
        builders["relayed_by"] = lambda a, zone: relayed_by(a.relayed_by if a.relayed_by_id else None, zone)
    return _plan(serializer, builders, *nested)


def claim_plan(serializer) -> Plan:
    """The plan for ClaimOutputSerializer."""
    fields = serializer.fields
    builders = {
        "id": lambda c, _: c.pk,
        "text": lambda c, _: c.text,
        "kind": lambda c, _: c.kind,
        "event": lambda c, _: c.event_id,
        "quantity_subject": lambda c, _: c.quantity_subject,
        "value_low": lambda c, _: c.value_low,
        "value_high": lambda c, _: c.value_high,
        "qualifier": lambda c, _: c.qualifier,
        "figure_display": lambda c, _: None if (shown := c.figure_display) is None else str(shown),
        "place": lambda c, _: c.place,
        "occurred_on": lambda c, _: date_text(c.occurred_on),
        "status": lambda c, _: c.status,
        "credibility": lambda c, _: c.credibility,
        "responsible_party": lambda c, _: c.responsible_party,
        "origins": lambda c, _: claim_origin_summary(c).as_dict(),
        "open_flag_count": lambda c, _: c.open_flag_count,
        "created_by": _created_by,
        "created_at": lambda c, zone: datetime_text(c.created_at, zone),
        "updated_at": lambda c, zone: datetime_text(c.updated_at, zone),
    }
    if type(serializer).get_relations is _original_get_relations():
        builders["relations"] = lambda c, _: claim_relation_briefs(c)
    nested = []
    if "attributions" in fields:
        attribution = attribution_plan(fields["attributions"].child)
        nested.append(attribution)
        builders["attributions"] = lambda c, zone: [
            _render(attribution, a, zone) for a in prefetched_rows(c, "attributions")
        ]
    return _plan(serializer, builders, *nested)


def _created_by(claim, _zone) -> str | None:
    """The author's username: the one claim_list_for_api() selected, else the user's."""
    if not claim.created_by_id:
        return None
    username = claim.__dict__.get("created_by_username")
    return claim.created_by.username if username is None else username


def _original_get_relations():
    from .serializers import ClaimOutputSerializer

    return ClaimOutputSerializer.get_relations


# Plans are built once per serializer class and process: building DRF's
# fields for the claim and its nested serializers costs several milliseconds
# per request. A plan that needs a DRF field (one this module does not know)
# is built per serializer instance instead, so that field sees its context.
_PLANS: dict[type, list] = {}


def _representation(serializer, instance, build_plan: Callable) -> dict:
    plan = serializer.__dict__.get("_fast_plan")
    if plan is None:
        plan = _PLANS.get(type(serializer))
        if plan is None:
            plan = build_plan(serializer)
            if not plan.uses_drf_fields:
                _PLANS[type(serializer)] = plan
        serializer.__dict__["_fast_plan"] = plan
        serializer.__dict__["_fast_zone"] = timezone.get_current_timezone()
    return _render(plan, instance, serializer.__dict__["_fast_zone"])


def claim_representation(serializer, claim) -> dict:
    return _representation(serializer, claim, claim_plan)


def _username(name: str) -> Callable:
    return lambda row, _: None if (user := getattr(row, name)) is None else user.username


def _nested_attribute(render: Callable, name: str) -> Callable:
    return lambda row, zone: render(getattr(row, name), zone)


def flag_plan(serializer) -> Plan:
    """The plan for FlagOutputSerializer: 50 flags a page, each with its two
    claims and people, were a third of the flag list's CPU through DRF's fields."""
    fields = serializer.fields
    nested: list[Plan] = []
    claim_brief = {"id": lambda c, _: c.pk, "text": lambda c, _: c.text, "status": lambda c, _: c.status}
    builders = {
        "id": lambda f, _: f.pk,
        "rule": lambda f, _: f.rule,
        "severity": lambda f, _: f.severity,
        "explanation": lambda f, _: f.explanation,
        "status": lambda f, _: f.status,
        "assignee": _username("assignee"),
        "resolution_note": lambda f, _: f.resolution_note,
        "resolved_by": _username("resolved_by"),
        "resolved_at": lambda f, zone: datetime_text(f.resolved_at, zone),
        "created_at": lambda f, zone: datetime_text(f.created_at, zone),
        "updated_at": lambda f, zone: datetime_text(f.updated_at, zone),
    }
    for name in ("claim_a", "claim_b"):
        if name in fields:
            builders[name] = _nested_attribute(_nested(fields[name], claim_brief, nested), name)
    return _plan(serializer, builders, *nested)


def flag_representation(serializer, flag) -> dict:
    return _representation(serializer, flag, flag_plan)
