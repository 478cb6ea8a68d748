"""Tenancy: the one place where a request gets its instansi and actor."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from django.core.exceptions import RequestDataTooBig
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject

from .http import ActorRequest
from .roles import Actor, actor_for_user


class TenancyMiddleware:
    """Sets `request.actor` (lazy) and `request.instansi_id` from the logged-in user.

    Views never take the instansi from the URL or the form: it always comes from here,
    so a user can only ever act inside their own agency.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        typed = cast(ActorRequest, request)
        typed.actor = cast(Actor, SimpleLazyObject(lambda: actor_for_user(user)))
        typed.instansi_id = getattr(user, "instansi_id", None)
        return self.get_response(request)


def _in_language(lang: str, chunks: Iterable[Any]) -> Iterator[Any]:
    """`chunks`, each one produced with `lang` active."""
    from django.utils import translation

    iterator = iter(chunks)
    while True:
        with translation.override(lang):
            chunk = next(iterator, _END)
        if chunk is _END:
            return
        yield chunk


_END = object()


class LanguageMiddleware:
    """Bahasa Indonesia unless the user chose otherwise (the language cookie set by
    Django's set_language view). Unlike LocaleMiddleware, the browser's Accept-Language is
    ignored: many phones in Indonesia are set to English, and the brief wants Indonesian
    by default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        lang = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = lang
        # Active for this request only (the API may switch it inside): left active, one
        # English request made whatever the thread did next English too.
        with translation.override(lang):
            response = self.get_response(request)
            if (
                isinstance(response, StreamingHttpResponse)
                and not isinstance(response, FileResponse)
                and not response.is_async
            ):
                # A streamed export writes its lines after this returns: in the language
                # the response was made in (the API may have chosen another). A file is
                # left alone (the server may send it with sendfile).
                response.streaming_content = _in_language(
                    translation.get_language(),
                    # not is_async: a plain iterator
                    cast("Iterator[bytes]", response.streaming_content),
                )
        response.headers.setdefault("Content-Language", lang)
        patch_vary_headers(response, ("Cookie",))
        return response


class PasswordChangeRequiredMiddleware:
    """An account that must choose a password (it came in with an activation code, or
    with a temporary password someone else chose) reaches only the page that sets one,
    and logout; every other request is sent there. Static files and the language switch
    stay open so that the page itself works."""

    ALLOWED_NAMES = ("password_change_required", "logout", "health", "set_language")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self._allowed: frozenset[str] | None = None

    def _allowed_paths(self) -> frozenset[str]:
        if self._allowed is None:
            from django.urls import reverse

            self._allowed = frozenset(reverse(name) for name in self.ALLOWED_NAMES)
        return self._allowed

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and request.path not in self._allowed_paths()
            and not request.path.startswith(self._static_prefix())
        ):
            from django.shortcuts import redirect
            from django.urls import reverse

            target = reverse("password_change_required")
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _static_prefix() -> str:
        from django.conf import settings

        return settings.STATIC_URL or "/static/"


class NulCharacterMiddleware:
    """Refuses a request whose query string or form (URL-encoded) carries a NUL
    character, with a 400 in the user's language (JSON under /api/).

    PostgreSQL cannot store or even compare text containing NUL: a search box sent
    `q=%00` ended in a DataError, a 500. Django's and DRF's CharFields already refuse
    NUL in form and serializer fields; this covers the values views read directly
    (search boxes, filters), in one place. Multipart bodies are not read here (an
    upload view sets its own upload handlers first); their text fields are forms'.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and _post_has_nul(request)
        ):
            return _nul_refused(request)
        return self.get_response(request)


def _post_has_nul(request: HttpRequest) -> bool:
    try:
        return _has_nul(request.POST)
    except RequestDataTooBig:
        return False  # refused where it is read next (a 400 page, or a 413 in the API)


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


def _nul_refused(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext as _

    message = _(
        "Permintaan berisi karakter NUL (\\0) yang tidak dapat diproses. Hapus karakter "
        "itu dari isian, lalu coba lagi."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    from .views.errors import error_page

    return error_page(request, 400, _("Permintaan tidak valid"), message)


class SecurityHeadersMiddleware:
    """A Content-Security-Policy on every HTML page, and `Cache-Control: no-store` on
    every answer to a logged-in user and every answer of the API.

    The policy (settings.CONTENT_SECURITY_POLICY) allows scripts, styles, images and
    requests from this site only: Bootstrap, htmx and Chart.js are vendored, and no
    template holds an inline script or an on…= handler (ekinerja/tests/test_headers.py
    checks the templates; static/js/ekinerja.js does what they did). Inline *styles*
    stay allowed: many templates carry style="…" attributes and htmx adds its indicator
    style, and a style cannot run code. A page that needs another policy sets it itself
    (the API docs, Swagger UI: api/views/docs.py), and keeps it.

    Personal data must not stay in a browser's or a proxy's cache after logout, so a
    logged-in answer is never stored; static files are served by WhiteNoise before this
    middleware (and skipped here under runserver), so they keep their long caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from django.conf import settings

        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        personal = (
            (user is not None and user.is_authenticated)
            or "HTTP_AUTHORIZATION" in request.META
            or (match is not None and "api" in match.namespaces)  # tokens, personal data
        )
        if personal and not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True, private=True)
        return response
