"""The web pages for webhooks: an editor's endpoints, each with its delivery log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from core.views import requires

from . import selectors, services
from .forms import WebhookEndpointForm

requires_manager = requires("webhooks.manage_webhookendpoint")


@never_cache
@requires_manager
def endpoint_list(request):
    """List the editor's endpoints and register one. The secret is shown in
    this response only."""
    form = WebhookEndpointForm(request.POST or None)
    new_endpoint = None
    if request.method == "POST" and form.is_valid():
        try:
            new_endpoint = services.webhook_endpoint_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        else:
            form = WebhookEndpointForm()
    endpoints = selectors.webhook_endpoints_for(user=request.user)
    return render(
        request,
        "webhooks/endpoint_list.html",
        {"form": form, "endpoints": endpoints, "new_endpoint": new_endpoint},
        status=400 if form.errors else 200,
    )


@requires_manager
def endpoint_detail(request, pk: int):
    endpoint = get_object_or_404(selectors.webhook_endpoints_for(user=request.user), pk=pk)
    deliveries = Paginator(selectors.webhook_deliveries_for(endpoint=endpoint), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "webhooks/endpoint_detail.html", {"endpoint": endpoint, "deliveries": deliveries})


@require_POST
@requires_manager
def endpoint_toggle(request, pk: int):
    endpoint = get_object_or_404(selectors.webhook_endpoints_for(user=request.user), pk=pk)
    services.webhook_endpoint_update(
        endpoint_id=endpoint.pk, user=request.user, is_active=not endpoint.is_active
    )
    messages.success(
        request,
        "Switched on; waiting deliveries are on their way." if not endpoint.is_active else "Switched off.",
    )
    return redirect(endpoint)


@require_POST
@requires_manager
def endpoint_delete(request, pk: int):
    endpoint = get_object_or_404(selectors.webhook_endpoints_for(user=request.user), pk=pk)
    services.webhook_endpoint_delete(endpoint_id=endpoint.pk, user=request.user)
    messages.success(request, f"Deleted the webhook to {endpoint.url}.")
    return redirect("webhooks:endpoint-list")


@require_POST
@requires_manager
def delivery_redeliver(request, pk: int, delivery_pk: int):
    endpoint = get_object_or_404(selectors.webhook_endpoints_for(user=request.user), pk=pk)
    delivery = get_object_or_404(endpoint.deliveries, pk=delivery_pk)
    try:
        services.webhook_delivery_redeliver(delivery_id=delivery.pk, user=request.user)
    except ConflictError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Delivery #{delivery.pk} queued again (same event id).")
    return redirect(endpoint)
