"""Middleware of our own."""

from .views.health import healthz


class HealthCheckMiddleware:
    """Answers /healthz before host validation and HTTPS redirects.

    Load balancers and container health checks call it by IP address over
    plain HTTP, which ALLOWED_HOSTS and SECURE_SSL_REDIRECT would refuse.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
