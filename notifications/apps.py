from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Listen to the domain events the other apps publish (core/events.py).
        from core.events import subscribe

        from .services import notifications_record

        subscribe(notifications_record)
