"""Bahasa Indonesia by default, English when the user picks it (brief: UI language)."""

from collections.abc import Iterator
from typing import cast

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_indonesian_by_default_even_when_the_browser_asks_for_english(client):
    response = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_choosing_english_sticks(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert response.status_code == 302
    response = client.get("/masuk/")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_unknown_language_cookie_falls_back_to_indonesian(client):
    client.cookies["django_language"] = "xx"
    assert client.get("/masuk/").headers["Content-Language"] == "id"


@pytest.mark.parametrize("path", ["/masuk/", "/api/v1/skp/"])
def test_a_request_in_english_leaves_the_threads_language_as_it_was(client, path):
    """The request's language is active for that request only. Left active, an English
    request made everything the same thread did next English: on the PostgreSQL CI run an
    evaluation document built after test_pdfs_are_always_in_bahasa_indonesia in the same
    worker read 'Baik at most 2 people'."""
    client.cookies["django_language"] = "en"
    with translation.override("id"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.headers["Content-Language"] == "en"
        assert translation.get_language() == "id"


def test_a_streamed_response_is_written_in_the_requests_language(rf, settings):
    """A streamed export produces its lines after the view returned: they are still in
    the reader's language, and the thread's language is restored afterwards."""
    from django.http import StreamingHttpResponse

    from ekinerja.core.middleware import LanguageMiddleware

    def lines():
        yield translation.gettext("Nama") + "\n"
        yield translation.gettext("Jabatan") + "\n"

    middleware = LanguageMiddleware(lambda request: StreamingHttpResponse(lines()))
    request = rf.get("/")
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("id"):
        response = middleware(request)
        assert isinstance(response, StreamingHttpResponse)
        assert b"".join(cast(Iterator[bytes], response.streaming_content)) == b"Name\nPosition\n"
        assert translation.get_language() == "id"
