from django.apps import AppConfig


class AnchoringConfig(AppConfig):
    name = "anchoring"
    verbose_name = "Document versions and excerpt anchoring"
