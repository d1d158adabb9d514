"""Login throttling (django-axes) that also accepts request-less logins."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse logins from a username and address that guessed wrong too often.

    Every login over HTTP carries a request and is checked. A call without one
    (a management command, Django's test client) has no address to throttle
    by, so it is passed on to the next backend instead of raising, which is
    what the stock backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
