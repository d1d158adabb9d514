"""What an editor can do to a conflict, or to a dispute of several, as data:
one list of actions (label, address, form, whether a reason is asked, button
style, keyboard shortcut) that one template partial draws
(claims/templates/claims/_flag_actions.html) on the conflict page and the
dispute page, and that the queue's in-row triage reads for its buttons
(static/js/triage.js, through `triage_row_actions`).
"""

from dataclasses import dataclass, field, replace

from django.forms import BoundField, Form
from django.urls import reverse

from .models import ConflictFlag

BUTTON_STYLES = {"primary": "button", "secondary": "button button--secondary"}


@dataclass(frozen=True)
class FlagAction:
    """One action. `rows` lists the form's fields to show, a row of several
    side by side; an action without a form is one button ("Assign to me")."""

    name: str
    label: str
    url: str
    form: Form | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    heading: str = ""
    help: str = ""
    reason_required: bool = False
    style: str = "secondary"
    shortcut: str = ""
    # A second button that acts and opens the next open conflict ("then=next").
    then_next: str = ""
    hidden: dict = field(default_factory=dict)
    # The conflict whose form this is: the live page holds a form being
    # written (data-flag-form) rather than redraw it.
    flag_id: int | None = None
    card: bool = False

    @property
    def button_class(self) -> str:
        return BUTTON_STYLES[self.style]

    @property
    def field_rows(self) -> list[list[BoundField]]:
        return [[self.form[name] for name in row] for row in self.rows]


# The one-click actions, shown on the conflict page and in each queue row.
ASSIGN_TO_ME = FlagAction(name="assign", label="Assign to me", url="", shortcut="a")
ACKNOWLEDGE = FlagAction(name="acknowledge", label="Acknowledge", url="", shortcut="c")
# In a queue row, dismissing first asks for the reason.
DISMISS_IN_ROW = FlagAction(name="dismiss", label="Dismiss…", url="", reason_required=True, shortcut="d")


def _flag_url(flag: ConflictFlag, action: str) -> str:
    return reverse("claims:flag-action", args=[flag.pk, action])


def flag_page_actions(flag: ConflictFlag, *, user, forms: dict[str, Form]) -> dict[str, list[FlagAction]]:
    """The conflict page's actions, in the groups it shows them: `quick`
    (one-click buttons), `main` (resolve, dismiss; or re-open and comment once
    closed) and `more` (assign to someone, acknowledge with a note)."""
    if not flag.is_active:
        return {"quick": [], "main": _closed_actions(flag, forms), "more": []}
    is_open = flag.status == ConflictFlag.Status.OPEN
    quick = []
    if flag.assignee_id != user.pk:
        quick.append(replace(ASSIGN_TO_ME, url=_flag_url(flag, "assign"), hidden={"assignee": user.pk}))
    if is_open:
        quick.append(replace(ACKNOWLEDGE, url=_flag_url(flag, "acknowledge")))
    return {
        "quick": quick,
        "main": _deciding_actions(flag, forms),
        "more": _more_actions(flag, forms, is_open),
    }


def _closed_actions(flag: ConflictFlag, forms: dict[str, Form]) -> list[FlagAction]:
    return [
        FlagAction(
            name="reopen",
            heading="Re-open",
            label="Re-open conflict",
            url=_flag_url(flag, "reopen"),
            form=forms["reopen"],
            rows=(("reason",),),
            reason_required=True,
            flag_id=flag.pk,
        ),
        FlagAction(
            name="comment",
            heading="Comment",
            label="Add to the history",
            url=_flag_url(flag, "comment"),
            form=forms["comment"],
            rows=(("note",),),
            reason_required=True,
            flag_id=flag.pk,
        ),
    ]


def _deciding_actions(flag: ConflictFlag, forms: dict[str, Form]) -> list[FlagAction]:
    return [
        FlagAction(
            name="resolve",
            heading="Resolve",
            label="Resolve conflict",
            url=_flag_url(flag, "resolve"),
            form=forms["resolve"],
            rows=(("note",), ("mark_claim_id", "mark_status")),
            reason_required=True,
            style="primary",
            shortcut="r",
            then_next="Resolve, then next conflict",
            flag_id=flag.pk,
        ),
        FlagAction(
            name="dismiss",
            heading="Dismiss",
            label="Dismiss: not a real conflict",
            url=_flag_url(flag, "dismiss"),
            form=forms["dismiss"],
            rows=(("reason",),),
            reason_required=True,
            shortcut="d",
            then_next="Dismiss, then next",
            flag_id=flag.pk,
        ),
    ]


def _more_actions(flag: ConflictFlag, forms: dict[str, Form], is_open: bool) -> list[FlagAction]:
    more = [
        FlagAction(
            name="assign",
            heading="Assign",
            label="Assign",
            url=_flag_url(flag, "assign"),
            form=forms["assign"],
            rows=(("assignee",), ("note",)),
            flag_id=flag.pk,
        )
    ]
    if is_open:
        more.append(
            FlagAction(
                name="acknowledge",
                heading="Acknowledge",
                help="Tell the desk someone is looking at it.",
                label="Acknowledge",
                url=_flag_url(flag, "acknowledge"),
                form=forms["acknowledge"],
                rows=(("note",),),
                flag_id=flag.pk,
            )
        )
    return more


def triage_row_actions() -> list[dict]:
    """The buttons the queue adds to each open pair (static/js/triage.js):
    the same actions as the conflict page's, as JSON for the script. An
    action asking for a reason opens a reason field first."""
    return [
        {"action": a.name, "label": a.label, "reason_required": a.reason_required, "shortcut": a.shortcut}
        for a in (ACKNOWLEDGE, ASSIGN_TO_ME, DISMISS_IN_ROW)
    ]
