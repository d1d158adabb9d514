"""Middleware for operators: request ids, and HEAD answered without a body."""

from .request_id import current_request_id, request_id_from


class RequestIdMiddleware:
    """Takes the proxy's X-Request-ID (or makes one), puts it in every log line
    and in the tasks the request queues, and returns it to the client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class HeadWithoutBodyMiddleware:
    """A HEAD request gets GET's headers and no body.

    Django's views answer HEAD like GET; runserver drops the body but gunicorn
    sends it and logs "WSGI app sent body bytes on a no-body response".
    Outermost in MIDDLEWARE, so every other middleware has finished the headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        return response
