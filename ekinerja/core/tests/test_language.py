"""Bahasa Indonesia by default, English when the user picks it (brief: UI language)."""

import pytest

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
