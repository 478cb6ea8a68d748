"""Every URL × every role of the test cast: the access policy in one table.

Each URL name of the project has its expected GET status for each member of the cast
(conftest.py), including an outsider from another instansi and a platform admin. A URL
that exists in the resolver but not in this table fails `test_every_url_is_in_the_table`,
so every new page has to state its policy here.

The policy (same agency without the right: 403 with a message; another agency's object:
always 404; anonymous: 302 to the login page):
- org:dashboard, unit/jabatan lists and details: every member of an instansi; root 403.
- org:instansi-*: the platform admin (root) only.
- org writes (unit/jabatan/pegawai create & update, move, atasan, roles) and imports:
  Admin Instansi (eko) only. org:export: eko and the Auditor (fajar).
- org:pegawai-list: those with a team or the whole agency (alice, bob, eko, fajar).
- org:pegawai-detail: the person, the supervisor chain's heads, eko, fajar.
- core:audit-*: eko and fajar.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ekinerja.conftest import Cast, build_cast
from ekinerja.core import audit

from .url_policy import (
    ADMIN_AND_AUDITOR,
    ADMIN_ONLY,
    ADMIN_WRITES_A_OBJECT,
    EXCLUDED_NAMES,
    EXCLUDED_PREFIXES,
    LOGGED_IN,
    ROLES,
    Case,
    World,
    expect,
    members,
    outsider_object,
    own_object_for,
)


def _app_case_modules() -> list[ModuleType]:
    """Each project app's `tests/url_cases*.py` modules (url_policy.py)."""
    out = []
    for config in apps.get_app_configs():
        tests = Path(config.path) / "tests"
        if not config.name.startswith("ekinerja.") or not tests.is_dir():
            continue
        for path in sorted(tests.glob("url_cases*.py")):
            out.append(importlib.import_module(f"{config.name}.tests.{path.stem}"))
    return out


APP_CASE_MODULES = _app_case_modules()


def _import_missing(attr: str) -> Callable[[World], str]:
    return lambda w: (
        "" if getattr(w, attr) else "org.ImportBatch does not exist yet: no batch to open"
    )


CASES: list[Case] = [
    # --- accounts (ekinerja/core/urls.py) ---------------------------------------------
    Case("home", expect(302)),  # anonymous → login; members → dashboard; root → instansi
    Case("login", expect(302, anonymous=200)),  # logged in → home
    Case("health", expect(200, anonymous=200)),  # no data, no login: for load balancers
    Case("logout", expect(405, anonymous=405)),  # POST only
    Case("password_change", LOGGED_IN),
    Case("password_change_done", LOGGED_IN),
    Case("password_reset", expect(200, anonymous=200)),
    Case("password_reset_done", expect(200, anonymous=200)),
    Case("password_reset_complete", expect(200, anonymous=200)),
    # --- audit trail ------------------------------------------------------------------
    Case("core:audit-list", ADMIN_AND_AUDITOR),
    Case(
        "core:audit-detail",
        own_object_for(ADMIN_AND_AUDITOR),
        lambda w: [w.audit_a],
        "own",
    ),
    Case("core:audit-detail", outsider_object(gita=403), lambda w: [w.audit_b], "outsider"),
    # --- organisation -----------------------------------------------------------------
    Case("org:dashboard", members(200)),
    Case("org:instansi-list", expect(403, root=200)),
    Case("org:instansi-create", expect(403, root=200)),
    Case("org:unit-tree", members(200)),
    Case("org:unit-detail", members(200, gita=404), lambda w: [w.cast.bidang.pk], "own"),
    Case(
        "org:unit-detail",
        outsider_object(gita=200),
        lambda w: [w.cast.gita.unit_id],
        "outsider",
    ),
    Case("org:unit-create", ADMIN_ONLY),
    Case("org:unit-update", ADMIN_WRITES_A_OBJECT, lambda w: [w.cast.bidang.pk], "own"),
    Case(
        "org:unit-update",
        outsider_object(gita=403),
        lambda w: [w.cast.gita.unit_id],
        "outsider",
    ),
    Case("org:jabatan-list", members(200)),
    Case(
        "org:jabatan-detail",
        members(200, gita=404),
        lambda w: [w.cast.jab_pelaksana.pk],
        "own",
    ),
    Case(
        "org:jabatan-detail",
        outsider_object(gita=200),
        lambda w: [w.cast.gita.jabatan_id],
        "outsider",
    ),
    Case("org:jabatan-create", ADMIN_ONLY),
    Case(
        "org:jabatan-update",
        ADMIN_WRITES_A_OBJECT,
        lambda w: [w.cast.jab_pelaksana.pk],
        "own",
    ),
    Case(
        "org:jabatan-update",
        outsider_object(gita=403),
        lambda w: [w.cast.gita.jabatan_id],
        "outsider",
    ),
    Case("org:pegawai-list", expect(403, alice=200, bob=200, eko=200, fajar=200)),
    Case(
        "org:pegawai-detail",
        own_object_for(expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200)),
        lambda w: [w.cast.charlie.pk],
        "staff",
    ),
    Case(
        "org:pegawai-detail",
        own_object_for(expect(403, alice=200, bob=200, eko=200, fajar=200)),
        lambda w: [w.cast.bob.pk],
        "supervisor",  # staff do not open their supervisor's record
    ),
    Case(
        "org:pegawai-detail",
        outsider_object(gita=200),
        lambda w: [w.cast.gita.pk],
        "outsider",
    ),
    Case("org:pegawai-create", ADMIN_ONLY),
    *[
        case
        for name in (
            "org:pegawai-update",
            "org:pegawai-move",
            "org:pegawai-atasan",
            "org:pegawai-roles",
        )  # fmt: skip
        for case in (
            Case(name, ADMIN_WRITES_A_OBJECT, lambda w: [w.cast.charlie.pk], "own"),
            Case(name, outsider_object(gita=403), lambda w: [w.cast.gita.pk], "outsider"),
        )
    ],
    Case("org:jabatan-search", ADMIN_ONLY),
    Case("org:pegawai-search", ADMIN_ONLY),
    Case("org:pegawai-nip-check", ADMIN_ONLY),
    Case(
        "org:riwayat-end",
        ADMIN_WRITES_A_OBJECT,
        lambda w: [w.cast.charlie.pk, w.riwayat_a],
        "own",
    ),
    Case(
        "org:riwayat-end",
        outsider_object(gita=403),
        lambda w: [w.cast.gita.pk, w.riwayat_b],
        "outsider",
    ),
    Case("org:import-start", ADMIN_ONLY),
    *[
        Case("org:import-sample", ADMIN_ONLY, lambda w, k=kind: [k, "xlsx"], kind)
        for kind in ("unit", "jabatan", "pegawai")
    ],
    Case(
        "org:import-preview",
        ADMIN_WRITES_A_OBJECT,
        lambda w: [w.import_a],
        "own",
        skip=_import_missing("import_a"),
    ),
    Case(
        "org:import-preview",
        outsider_object(gita=403),
        lambda w: [w.import_b],
        "outsider",
        skip=_import_missing("import_b"),
    ),
    *[
        Case("org:export", ADMIN_AND_AUDITOR, lambda w, k=kind: [k], kind)
        for kind in ("unit", "jabatan", "pegawai")
    ],
    *[case for module in APP_CASE_MODULES for case in module.CASES],
]


# --- the resolver ---------------------------------------------------------------------


def _walk(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _walk(p.url_patterns, route, inner or "")
        elif isinstance(p, URLPattern):
            name = f"{ns}:{p.name}" if ns and p.name else (p.name or "")
            yield route, name


def project_urls() -> list[tuple[str, str]]:
    """(route, name) of every URL pattern that is a page of the application."""
    return [
        (route, name)
        for route, name in _walk(get_resolver().url_patterns)
        if not any(route.startswith(prefix) for prefix in EXCLUDED_PREFIXES)
    ]


def test_every_url_is_in_the_table():
    routes = project_urls()
    unnamed = [route for route, name in routes if not name]
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    names = {name for _route, name in routes} - set(EXCLUDED_NAMES)
    covered = {case.name for case in CASES}
    missing = sorted(names - covered)
    assert not missing, (
        f"URLs without an access policy in {__name__}.CASES: {missing}. "
        "Add each with its expected status for every role."
    )
    stale = sorted(covered - names)
    assert not stale, f"CASES lists URLs that no longer exist: {stale}"


def test_every_case_states_every_role():
    for case in CASES:
        assert set(case.expected) == set(ROLES), case.id


# --- the walk -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """One cast for the whole module, inside a transaction rolled back at the end; each
    test runs in its own savepoint within it (pytest-django's `db`)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # as Django's TestCase: durable blocks still work
        atomic.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _build_world() -> World:
    cast = build_cast()
    a = audit.record(actor=cast.eko.user, action="pegawai.update", obj=cast.charlie)
    b = audit.record(actor=cast.gita.user, action="pegawai.update", obj=cast.gita)
    world = World(cast=cast, audit_a=a.pk, audit_b=b.pk)
    world.riwayat_a = cast.charlie.riwayat_jabatan.get(tmt_selesai__isnull=True).pk
    world.riwayat_b = cast.gita.riwayat_jabatan.get(tmt_selesai__isnull=True).pk
    world.import_a, world.import_b = _import_batches(cast)
    for module in APP_CASE_MODULES:
        if hasattr(module, "build"):
            module.build(world)
    return world


def _import_batches(cast: Cast) -> tuple[int | None, int | None]:
    try:
        model = apps.get_model("org", "ImportBatch")
    except LookupError:
        return None, None
    return _make_batch(model, cast, "a"), _make_batch(model, cast, "b")


def _make_batch(model: Any, cast: Cast, which: str) -> int:
    """A minimal ImportBatch with required fields filled from their kind."""
    instansi = cast.a if which == "a" else cast.b
    user = (cast.eko if which == "a" else cast.gita).user
    values: dict[str, Any] = {"instansi": instansi}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in values or f.has_default() or f.null or f.blank:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            continue
        if f.is_relation and f.related_model is user.__class__:
            values[f.name] = user
        elif f.choices:
            values[f.name] = f.choices[0][0]
        elif f.get_internal_type() in {"CharField", "TextField", "SlugField"}:
            values[f.name] = "pegawai.xlsx"
        elif f.get_internal_type() == "FileField":
            values[f.name] = "imports/pegawai.xlsx"
        elif f.get_internal_type() == "JSONField":
            values[f.name] = {}
        else:
            values[f.name] = 0
    return model.objects.create(**values).pk


PARAMS = [pytest.param(case, role, id=f"{case.id}-as-{role}") for case in CASES for role in ROLES]


@pytest.mark.parametrize(("case", "role"), PARAMS)
def test_url_role_matrix(world: World, db, client, case: Case, role: str):
    if case.skip and (reason := case.skip(world)):
        pytest.skip(reason)
    url = reverse(case.name, args=case.args(world))
    if role != "anonymous":
        client.force_login(world.cast.user(role))
    response = client.get(url)
    expected = case.expected[role]
    assert response.status_code == expected, (
        f"GET {url} as {role}: {response.status_code}, policy says {expected}"
    )
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith(reverse("login")), response["Location"]
    # Every HTML page has the Content-Security-Policy; nothing sent to a logged-in user is
    # stored by a cache (core.middleware.SecurityHeadersMiddleware, test_headers.py).
    if response.get("Content-Type", "").startswith("text/html"):
        assert response.get("Content-Security-Policy"), f"GET {url} as {role}: no CSP"
    if role != "anonymous":
        assert "no-store" in response.get("Cache-Control", ""), f"GET {url} as {role}: cached"
