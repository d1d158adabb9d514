"""Every write of background exports: asking for one, writing its file,
marking it seen, and deleting expired files."""

import datetime as dt
import logging
import tempfile
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from claims import selectors as claim_selectors
from claims.api import export as claim_export
from claims.api.filters import ClaimFilter

from .models import ClaimExport

logger = logging.getLogger(__name__)

# Progress is written to the database at most once per this many claims: often
# enough for a progress bar, rare enough to cost nothing next to the export.
PROGRESS_EVERY_CLAIMS = 1000
DOWNLOAD_SALT = "exports.download"


def export_storage():
    return storages["exports"]


def _filter_data(filters: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in filters.items():
        data.setlist(name, [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)])
    return data


def _claims_for(filters: dict):
    """The claims an export covers: the claim list's filters over the export's rows."""
    filterset = ClaimFilter(data=_filter_data(filters), queryset=claim_selectors.claims_for_export())
    if not filterset.is_valid():
        raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})
    return filterset.qs


def export_request(*, user, export_format: str, filters: dict | None = None) -> ClaimExport:
    """Ask for a background export of the claims matching `filters` (the
    claim list's query parameters). Bad filters are refused before anything
    is stored; the file is written by a worker (tasks.build_export)."""
    from .tasks import queue_export_build

    filters = {k: v for k, v in (filters or {}).items() if v not in ("", None, [])}
    unknown = sorted(set(filters) - set(ClaimFilter.base_filters))
    if unknown:
        raise ValidationError({name: ["Not a filter of the claim list."] for name in unknown})
    if export_format not in ClaimExport.Format.values:
        raise ValidationError({"format": [f"Choose one of {', '.join(ClaimExport.Format.values)}."]})
    _claims_for(filters)  # validates the filters now, not in the worker
    with transaction.atomic():
        export = ClaimExport.objects.create(requested_by=user, format=export_format, filters=filters)
        transaction.on_commit(lambda: queue_export_build(export.pk))
    return export


def _export_claim(export_id: int, token: uuid.UUID) -> bool:
    """Claim the work: only an export still waiting or being written (by a
    worker that died) is (re)started; a done, failed or expired one is left alone."""
    now = timezone.now()
    claimed = ClaimExport.objects.filter(
        pk=export_id, status__in=[ClaimExport.Status.PENDING, ClaimExport.Status.RUNNING]
    ).update(
        status=ClaimExport.Status.RUNNING,
        run_token=token,
        started_at=now,
        claims_total=None,
        claims_written=0,
        rows_written=0,
        updated_at=now,
    )
    return claimed == 1


def _export_file_write(export: ClaimExport, claims, ours, storage) -> tuple[str, int, dict]:
    """Write the export's file to storage, recording progress on this run's
    row (`ours`) as it goes: (stored name, size in bytes, trailer figures)."""
    recorded = {"claims": 0}

    def record_progress(tally) -> None:
        if tally.claims - recorded["claims"] >= PROGRESS_EVERY_CLAIMS:
            recorded["claims"] = tally.claims
            ours.update(claims_written=tally.claims, rows_written=tally.rows, updated_at=timezone.now())

    size = 0
    last_piece = b""
    # Written to a local temporary file first and stored once complete, so a
    # half-written file never reaches storage (and S3 gets one streamed upload).
    with tempfile.TemporaryFile() as scratch:
        stream = claim_export.export_stream(
            claims.iterator(chunk_size=claim_export.EXPORT_CHUNK_SIZE),
            export.format,
            on_progress=record_progress,
        )
        for piece in stream:
            scratch.write(piece)
            size += len(piece)
            last_piece = piece
        figures = claim_export.export_trailer_figures(last_piece)
        scratch.seek(0)
        name = storage.save(ClaimExport.new_file_name(export.pk, export.format), File(scratch))
    return name, size, figures


def export_build(*, export_id: int) -> ClaimExport | None:
    """Write the export's file and record it. Safe to run again: a redelivered
    task (its worker died) starts the file afresh, and a run that another run
    has since taken over throws its file away instead of recording it."""
    token = uuid.uuid4()
    if not _export_claim(export_id, token):
        return None
    export = ClaimExport.objects.get(pk=export_id)
    ours = ClaimExport.objects.filter(pk=export_id, run_token=token, status=ClaimExport.Status.RUNNING)
    try:
        claims = _claims_for(export.filters)
    except ValidationError as error:
        ours.update(status=ClaimExport.Status.FAILED, error=f"Invalid filters: {error.messages}")
        return ClaimExport.objects.get(pk=export_id)
    ours.update(claims_total=claims.order_by().count())
    storage = export_storage()
    name, size, figures = _export_file_write(export, claims, ours, storage)
    finished = timezone.now()
    recorded_file = ours.update(
        status=ClaimExport.Status.DONE,
        file_name=name,
        size_bytes=size,
        sha256=figures["sha256"],
        claims_written=figures["claims"],
        rows_written=figures["rows"],
        finished_at=finished,
        expires_at=finished + dt.timedelta(hours=settings.EXPORT_RETENTION_HOURS),
        updated_at=finished,
    )
    if recorded_file != 1:
        # Another run took this export over meanwhile; its file is the one kept.
        storage.delete(name)
        return None
    logger.info("Export %s written: %s claims, %s bytes.", export_id, figures["claims"], size)
    return ClaimExport.objects.get(pk=export_id)


def export_fail(*, export_id: int, reason: str) -> None:
    """Record that an export could not be written (shown to the requester)."""
    ClaimExport.objects.filter(
        pk=export_id, status__in=[ClaimExport.Status.PENDING, ClaimExport.Status.RUNNING]
    ).update(
        status=ClaimExport.Status.FAILED, error=reason, finished_at=timezone.now(), updated_at=timezone.now()
    )


def export_mark_seen(*, export_id: int, user) -> None:
    """The requester has seen (downloaded) a ready export: stop calling it new."""
    ClaimExport.objects.filter(
        pk=export_id, requested_by=user, status=ClaimExport.Status.DONE, ready_seen_at__isnull=True
    ).update(ready_seen_at=timezone.now())


def exports_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the files of exports past their retention, and give up on
    exports whose worker vanished long ago. Returns how many files went."""
    now = now or timezone.now()
    storage = export_storage()
    expired = 0
    for export in ClaimExport.objects.filter(status=ClaimExport.Status.DONE, expires_at__lte=now).order_by(
        "id"
    ):
        if export.file_name:
            storage.delete(export.file_name)
        expired += ClaimExport.objects.filter(pk=export.pk, status=ClaimExport.Status.DONE).update(
            status=ClaimExport.Status.EXPIRED, file_name="", updated_at=now
        )
    # A run updates its row at least every PROGRESS_EVERY_CLAIMS claims; one
    # silent for twice the task's time limit has no worker left to finish it.
    stale = now - dt.timedelta(seconds=2 * settings.EXPORT_TASK_SOFT_TIME_LIMIT)
    ClaimExport.objects.filter(
        status__in=[ClaimExport.Status.PENDING, ClaimExport.Status.RUNNING], updated_at__lt=stale
    ).update(
        status=ClaimExport.Status.FAILED, error="No worker finished this export; ask again.", updated_at=now
    )
    return expired


def export_download_token(*, export: ClaimExport, user) -> str:
    """A signed token for the download link of this export's current file, for
    this person; it stops working after EXPORT_LINK_SECONDS."""
    return TimestampSigner(salt=DOWNLOAD_SALT).sign_object(
        {"export": export.pk, "user": user.pk, "file": export.file_name}
    )


class DownloadLinkExpired(Exception):
    pass


class DownloadLinkInvalid(Exception):
    pass


def export_check_download_token(*, token: str, export: ClaimExport, user) -> None:
    try:
        value = TimestampSigner(salt=DOWNLOAD_SALT).unsign_object(token, max_age=settings.EXPORT_LINK_SECONDS)
    except SignatureExpired as error:
        raise DownloadLinkExpired from error
    except BadSignature as error:
        raise DownloadLinkInvalid from error
    if value != {"export": export.pk, "user": user.pk, "file": export.file_name}:
        raise DownloadLinkInvalid
