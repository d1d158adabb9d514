from django.apps import AppConfig


class DetectionConfig(AppConfig):
    name = "detection"
    verbose_name = "Conflict detection"

    def ready(self) -> None:
        # claims fires claims_changed after a commit; detection queues the
        # checks. claims never imports detection (docs/architecture.md).
        from core.hooks import (
            CLAIM_PAGE,
            CLAIMS_CHANGED,
            EVENT_PAGE,
            FLAGS_CHANGED,
            FLAGS_DELETING,
            NEXT_FLAG,
            hook_register,
        )

        from .dispute_selectors import dispute_next_open_flag
        from .dispute_services import dispute_state_refresh_for_flags, disputes_flags_remove
        from .tasks import queue_claims_check
        from .views import claim_page_suggestions, event_page_figures

        hook_register(CLAIMS_CHANGED, queue_claims_check)
        hook_register(CLAIM_PAGE, claim_page_suggestions)
        hook_register(EVENT_PAGE, event_page_figures)
        hook_register(NEXT_FLAG, dispute_next_open_flag)
        # The queue's stored dispute state follows every flag write, in its transaction.
        hook_register(FLAGS_CHANGED, dispute_state_refresh_for_flags)
        hook_register(FLAGS_DELETING, disputes_flags_remove)
