"""Health, readiness and metrics endpoints (docs/production.md "Observability")."""

import hmac

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .metrics import metrics_payload
from .readiness import readiness_checks


@never_cache
@require_safe
def healthz(request):
    """The process is up and answering. Touches nothing else, so a database
    outage does not make a load balancer kill healthy web processes."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def readyz(request):
    """200 when the database, the cache and the broker answer; 503 otherwise,
    so a load balancer stops sending traffic until they do."""
    checks = readiness_checks()
    ready = all(check.ok for check in checks)
    body = {
        "status": "ready" if ready else "not ready",
        "checks": {
            check.name: {
                "ok": check.ok,
                "ms": check.milliseconds,
                **({"detail": check.detail} if check.detail else {}),
            }
            for check in checks
        },
    }
    return JsonResponse(body, status=200 if ready else 503)


PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP", "HTTP_X_FORWARDED_HOST")


def _metrics_allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        # No token configured: metrics are for this machine only (a scraper on
        # the same host or a sidecar), never for the internet behind the proxy.
        # Any proxy's header marks a request relayed from elsewhere: nginx's
        # X-Forwarded-For, but also RFC 7239 Forwarded or X-Real-IP, which some
        # proxies and load balancers send instead.
        return request.META.get("REMOTE_ADDR") in {"127.0.0.1", "::1"} and not any(
            header in request.META for header in PROXY_HEADERS
        )
    supplied = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return hmac.compare_digest(supplied.encode(), token.encode())


@never_cache
@require_safe
def metrics(request):
    """Prometheus text format, for a scraper holding METRICS_TOKEN."""
    if not _metrics_allowed(request):
        return HttpResponse(
            "Metrics need the METRICS_TOKEN bearer token.\n", status=403, content_type="text/plain"
        )
    payload, content_type = metrics_payload()
    return HttpResponse(payload, content_type=content_type)
