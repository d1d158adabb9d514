"""Errors that services raise and every surface (UI, API, CLI) turns into a
clear message. Field-level problems use Django's ValidationError instead."""


class ConflictError(Exception):
    """The request clashes with the current state: a duplicate, a flag that an
    editor closed a moment ago, a transition that is no longer allowed.

    The API answers 409, the UI shows the message, the CLI prints it.
    """

    def __init__(self, message: str, *, code: str = "conflict"):
        super().__init__(message)
        self.message = message
        self.code = code
