from django.apps import AppConfig


class DetectionConfig(AppConfig):
    name = "detection"
    verbose_name = "Conflict detection"

    def ready(self) -> None:
        # claims fires claims_changed after a commit; detection queues the
        # checks. claims never imports detection (docs/architecture.md).
        from core.hooks import CLAIM_PAGE, CLAIMS_CHANGED, EVENT_PAGE, NEXT_FLAG, hook_register

        from .dispute_selectors import dispute_next_open_flag
        from .tasks import queue_claims_check
        from .views import claim_page_suggestions, event_page_figures

        hook_register(CLAIMS_CHANGED, queue_claims_check)
        hook_register(CLAIM_PAGE, claim_page_suggestions)
        hook_register(EVENT_PAGE, event_page_figures)
        hook_register(NEXT_FLAG, dispute_next_open_flag)
