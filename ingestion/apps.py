from django.apps import AppConfig


class IngestionConfig(AppConfig):
    name = "ingestion"
    verbose_name = "Article ingestion"

    def ready(self) -> None:
        # The document page (sources) shows the extractor's proposals panel;
        # sources cannot import ingestion, so ingestion adds it through a hook.
        from core.hooks import DOCUMENT_PAGE, hook_register

        from .views import document_page_panel

        hook_register(DOCUMENT_PAGE, document_page_panel)
