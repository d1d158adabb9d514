"""The request id: one string that ties a request's log lines to the log
lines of the Celery tasks it queued (ops/task_context.py carries it over)."""

import logging
import re
import uuid
from contextvars import ContextVar

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")

# A proxy's id is reused only when it looks like one: a client must not be
# able to write arbitrary text into every log line.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_from(header_value: str | None) -> str:
    if header_value and _ACCEPTABLE.match(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to every log record ("" outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
