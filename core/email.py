"""The one place the project builds and sends email.

Each message type has three templates side by side: `<name>_subject.txt`,
`<name>.txt` and `<name>.html`. The plain-text and HTML bodies are sent
together as one multipart/alternative message, so every client shows the
version it can read.
"""

from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def render_subject(template_name: str, context: Mapping) -> str:
    """Render a subject template to one line.

    Newlines would end the header early (and could smuggle in new headers), so
    all whitespace is folded to single spaces.
    """
    return " ".join(render_to_string(template_name, context).split())


def email_build(
    *,
    template: str,
    context: Mapping,
    to: Sequence[str],
    headers: Mapping[str, str] | None = None,
    from_email: str | None = None,
) -> EmailMultiAlternatives:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html`
    into a multipart message, ready to send (or to show as a preview).

    `headers` are added as they are, e.g. List-Unsubscribe.
    """
    context = dict(context)
    message = EmailMultiAlternatives(
        subject=render_subject(f"{template}_subject.txt", context),
        body=render_to_string(f"{template}.txt", context),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers=dict(headers or {}),
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def email_send(
    *,
    template: str,
    context: Mapping,
    to: Sequence[str],
    headers: Mapping[str, str] | None = None,
    from_email: str | None = None,
) -> EmailMultiAlternatives:
    """Build and send one message. SMTP errors (smtplib.SMTPException, OSError)
    propagate so the calling task can record them and retry."""
    message = email_build(template=template, context=context, to=to, headers=headers, from_email=from_email)
    message.send(fail_silently=False)
    return message


def html_body(message: EmailMultiAlternatives) -> str:
    """The HTML alternative of a message built by `email_build`."""
    for content, mimetype in message.alternatives:
        if mimetype == "text/html":
            return content
    return ""
