"""Queueing Celery tasks from a request without letting the broker fail it."""

import logging

from django.db import DatabaseError
from kombu.exceptions import OperationalError as BrokerOperationalError

logger = logging.getLogger(__name__)


def enqueue_safely(
    task, *args, what: str = "", fallback: str = "", log: logging.Logger | None = None, **kwargs
) -> bool:
    """Queue `task(*args, **kwargs)`, never failing the caller; returns whether it was queued.

    Called after a save has committed: the save stands even if Redis is down.
    A broker failure is logged, naming `what` was not queued and `fallback` (what catches the work up
    later: the sweep, an editor's retry). In eager mode (no broker) the task
    runs in-process, and a database error inside it is logged the same way:
    the caller's save already committed. `log` is the caller's logger, so the
    warning is filed under the app that queued the work.
    """
    log = log or logger
    what = what or f"{getattr(task, 'name', task)}{tuple(args)}"
    try:
        task.apply_async(args=list(args), kwargs=kwargs, retry=False)
    except (BrokerOperationalError, ConnectionError, OSError) as error:
        log.warning("Could not queue %s (%s); %s", what, error, fallback)
        return False
    except DatabaseError:
        log.exception("In-process run of %s failed; %s", what, fallback)
        return False
    return True
