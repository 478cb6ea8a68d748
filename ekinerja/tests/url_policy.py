"""The vocabulary of the URL × role matrix (test_url_matrix.py), shared by the per-app
case tables `ekinerja/<app>/tests/url_cases.py`.

An app's `tests/url_cases*.py` modules provide `CASES: list[Case]` and may provide
`build(world: World) -> None`, which creates the app's objects for the walk and stores
their ids in `world.ids`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ekinerja.conftest import Cast

ROLES = ("anonymous", "alice", "bob", "charlie", "dina", "eko", "fajar", "gita", "root")
A_MEMBERS = ("alice", "bob", "charlie", "dina", "eko", "fajar")

# Parts of the URL space that are not pages of the application, with the reason.
EXCLUDED_PREFIXES = {
    "django-admin/": "Django's own admin site: staff-only, its own permission system",
    "i18n/": "language switch (POST-only redirect), no page",
    "static/": "static files",
    "media/": "uploaded files are served through access-checked views, not here",
}
EXCLUDED_NAMES = {
    "password_reset_confirm": (
        "one-time per-user token URL; its behaviour is tested in core/tests/test_auth.py"
    ),
}


def expect(default: int = 403, *, anonymous: int = 302, **per_role: int) -> dict[str, int]:
    """The expected status for every role: `default` unless named."""
    unknown = set(per_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    out = dict.fromkeys(ROLES, default)
    out["anonymous"] = anonymous
    out.update(per_role)
    return out


def members(status: int = 200, *, gita: int | None = None) -> dict[str, int]:
    """Every member of instansi A gets `status`; gita (instansi B) likewise unless told;
    root, who belongs to no instansi, 403."""
    out = expect(403, **dict.fromkeys(A_MEMBERS, status), root=403)
    out["gita"] = status if gita is None else gita
    return out


def own_object_for(status_by_role: dict[str, int]) -> dict[str, int]:
    """An object of instansi A: gita gets 404 (another agency's object), root 403."""
    return {**status_by_role, "gita": 404, "root": 403}


def outsider_object(gita: int) -> dict[str, int]:
    """An object of instansi B: every member of A gets 404; gita gets `gita`."""
    return expect(403, **dict.fromkeys(A_MEMBERS, 404), gita=gita, root=403)


ADMIN_ONLY = expect(403, eko=200)
ADMIN_AND_AUDITOR = expect(403, eko=200, fajar=200)
ADMIN_WRITES_A_OBJECT = own_object_for(ADMIN_ONLY)
LOGGED_IN = expect(200)  # every logged-in user, anonymous to login


@dataclass
class World:
    cast: Cast
    audit_a: int
    audit_b: int
    import_a: int | None = None
    import_b: int | None = None
    riwayat_a: int = 0
    riwayat_b: int = 0
    ids: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    name: str
    expected: dict[str, int]
    args: Callable[[World], list[Any]] = field(default=lambda w: [])
    variant: str = ""
    skip: Callable[[World], str] | None = None  # returns a reason to skip, or ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name
