"""The hook services call to tell open pages that rows changed.

`announce(...)` is called inside a service's transaction; the notice goes out
only once that transaction commits (a rolled-back change announces nothing),
so a page that refetches on the notice already reads the new rows.

Topics name what changed, and pages listen for the topics they show:
`flags` (the queue), `claims` (lists of claims), `flag:<id>`, `claim:<id>`,
`event:<id>`.
"""

from collections.abc import Iterable

from django.db import transaction

from . import bus


def topics_for(
    *, flag_ids: Iterable[int] = (), claim_ids: Iterable[int] = (), event_ids: Iterable[int] = ()
) -> list[str]:
    flag_ids = {pk for pk in flag_ids if pk}
    claim_ids = {pk for pk in claim_ids if pk}
    event_ids = {pk for pk in event_ids if pk}
    topics = set()
    if flag_ids:
        topics.add("flags")
    if claim_ids or event_ids:
        topics.add("claims")
    topics.update(f"flag:{pk}" for pk in flag_ids)
    topics.update(f"claim:{pk}" for pk in claim_ids)
    topics.update(f"event:{pk}" for pk in event_ids)
    return sorted(topics)


def announce(
    *,
    kind: str,
    flag_ids: Iterable[int] = (),
    claim_ids: Iterable[int] = (),
    event_ids: Iterable[int] = (),
) -> None:
    """After the current transaction commits, tell open pages these rows changed.

    `kind` says what happened in a word ("flag", "claim", "presence") for the
    page's own use; pages decide what to refetch from the topics."""
    notice = {"kind": kind, "topics": topics_for(flag_ids=flag_ids, claim_ids=claim_ids, event_ids=event_ids)}
    transaction.on_commit(lambda: bus.publish(notice))
