from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        # Listen to the domain events the other apps publish (core/events.py).
        from core.events import subscribe

        from .services import webhook_events_record

        subscribe(webhook_events_record)
