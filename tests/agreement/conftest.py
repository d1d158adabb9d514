"""Fixtures for the agreement tests (corroboration, origins, revisions, figure summaries)."""

from tests.detection.conftest import (  # noqa: F401 - shared fixtures
    detection_lexicon,
    event,
    ministry,
    monitor,
    rebel_command,
)
