"""API test helpers on the shared cast (ekinerja/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from ekinerja.api.tokens import token_create


@pytest.fixture
def api(cast) -> Callable[[str], APIClient]:
    """api("bob") is a client that sends a live bearer token of bob's (the mobile app's
    way in); api("anonymous") sends nothing."""
    clients: dict[str, APIClient] = {}

    def _client(who: str) -> APIClient:
        if who not in clients:
            client = APIClient()
            if who != "anonymous":
                _token, key = token_create(user=cast.user(who))
                client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
            clients[who] = client
        return clients[who]

    return _client
