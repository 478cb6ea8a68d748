"""The language of an API response.

The pages ignore the browser's Accept-Language on purpose (core.middleware
.LanguageMiddleware: many phones in Indonesia are set to English). An API client states
its language on purpose, so here Django's own rule applies: the language cookie if the
user chose one in the app, else the best supported language of Accept-Language, else
Bahasa Indonesia (LANGUAGE_CODE).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language_from_request


def api_language(request: HttpRequest) -> str:
    return get_language_from_request(request)
