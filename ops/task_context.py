"""Celery signal handlers: the request id travels with a task, and workers
record each task's run time for /metrics."""

import time

from celery.signals import before_task_publish, task_postrun, task_prerun

from . import task_timings
from .request_id import current_request_id

_started: dict[str, tuple[float, object]] = {}


@before_task_publish.connect
def carry_request_id(headers=None, **_kwargs):
    request_id = current_request_id.get()
    if headers is not None and request_id:
        headers["request_id"] = request_id


@task_prerun.connect
def start_task_context(task_id=None, task=None, **_kwargs):
    # A task run in-process (no broker) keeps the id of the request it runs in.
    carried = getattr(task.request, "request_id", None) if task is not None else None
    request_id = carried or current_request_id.get()
    token = current_request_id.set(request_id)
    _started[task_id] = (time.perf_counter(), token)


@task_postrun.connect
def end_task_context(task_id=None, task=None, **_kwargs):
    started = _started.pop(task_id, None)
    if started is None:
        return
    began, token = started
    task_timings.record(task.name, time.perf_counter() - began)
    try:
        current_request_id.reset(token)
    except ValueError:
        # Eager tasks run inside the caller's context; a reset from another
        # context is refused and the caller's own reset restores the id.
        pass
