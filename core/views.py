"""What every app's web views share: the permission check, pagination, the
status of a page with form errors, and how a service's refusal is shown."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme

from core.exceptions import ConflictError
from core.forms import add_service_errors
from core.pagination import IdsFirstPaginator
from core.permissions import role_refusal

PAGE_SIZE = 25


def requires(permission: str | tuple[str, ...]):
    """Log in first, then answer 403 to an account without `permission`,
    naming the role it needs and whom to ask (core/permissions.py; the 403
    page shows it). Every write control is also hidden in the templates; this
    is the real check."""

    needed = [permission] if isinstance(permission, str) else list(permission)

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perms(needed):
                raise role_refusal(request.user, needed)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def local_next_url(request, fallback: str) -> str:
    """The `next` the request carries (POST first, then the query string) when
    it is an address on this site, else `fallback`.

    Only a path from the site's root counts: Django's redirect() reads any
    other text as the name of a route, so `next=999` or `next=NaN` raised
    NoReverseMatch (a 500), and `next=logout` sent the user to a route nobody
    linked. Other sites (`//evil.example`, `https://evil.example`) are refused
    by url_has_allowed_host_and_scheme as before."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def paginate(request, queryset, per_page: int = PAGE_SIZE, *, known_count: int | None = None):
    # Ids first: a deep page does not build (and annotate) every row it skips.
    return IdsFirstPaginator(queryset, per_page, known_count=known_count).get_page(request.GET.get("page"))


def form_status(form_or_forms) -> int:
    """400 when a submitted form came back with errors, so tests and tools see it."""
    forms = form_or_forms if isinstance(form_or_forms, (list, tuple)) else [form_or_forms]
    return 400 if any(form.is_bound and form.errors for form in forms) else 200


@dataclass
class ServiceOutcome:
    succeeded: bool = True


@contextmanager
def service_errors(*, form=None, request=None) -> Iterator[ServiceOutcome]:
    """Run the services in the block; if one refuses, show why and carry on.

    With a form, a ValidationError's messages go next to their fields and a
    ConflictError (someone acted first, the row moved on) at the top of the
    form; without one, both go to the request's messages, for a view that
    redirects. `outcome.succeeded` says whether the block ran to its end.
    Put a `transaction.atomic()` inside this block, not around it, so the
    refused writes roll back.
    """
    outcome = ServiceOutcome()
    try:
        yield outcome
    except ValidationError as error:
        outcome.succeeded = False
        if form is not None:
            add_service_errors(form, error)
        else:
            messages.error(request, " ".join(error.messages))
    except ConflictError as error:
        outcome.succeeded = False
        if form is not None:
            form.add_error(None, error.message)
        else:
            messages.error(request, error.message)
