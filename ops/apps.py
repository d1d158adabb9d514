from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What operators and load balancers need: health, readiness, metrics,
    request ids in the logs. No domain logic lives here."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from . import checks, task_context  # noqa: F401  (registers the checks, connects the Celery signals)
