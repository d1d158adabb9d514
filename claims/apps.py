from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and conflicts"

    def ready(self) -> None:
        # sources sits below claims and cannot import it: it fires these hooks
        # and claims answers them (docs/architecture.md).
        from core.hooks import AUDIT_RECORD, SOURCE_CHANGED, hook_register

        from .services import audit_record, source_claims_recheck

        hook_register(AUDIT_RECORD, audit_record)
        hook_register(SOURCE_CHANGED, source_claims_recheck)
