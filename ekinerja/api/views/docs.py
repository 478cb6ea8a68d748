"""The API documentation page: drf-spectacular's Swagger UI, its start-up script served
as a file (no inline script), under the policy Swagger UI needs
(settings.CONTENT_SECURITY_POLICY_API_DOCS: data:/blob: images and fonts, blob: workers;
docs/decisions/0007-content-security-policy.md). core's SecurityHeadersMiddleware gives
every other HTML page the site's policy and keeps one a view has set."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.request import Request
from rest_framework.response import Response


class DocsView(SpectacularSwaggerSplitView):
    @extend_schema(exclude=True)  # the page is not an endpoint of the API
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:  # the page, not its script
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY_API_DOCS
        return response
