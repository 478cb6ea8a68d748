"""Every lookup of an agency's row by id names the tenant (docs/architecture.md,
"Tenancy"): read with `ast`, no database.

The rule, for every module under ekinerja/ except tests, migrations, the `access` and
`selectors` modules and packages (the layers whose job is the scoped read, each with
its own tests) and the worker's `tasks` modules (see below):

- a lookup by id is a call of `.get`, `.filter`, `.get_or_create`,
  `.update_or_create` with a `pk=`, `id=`, `pk__in=` or `id__in=` keyword, an
  `.in_bulk(...)`, or `get_object_or_404(...)` / `get_list_or_404(...)` with one;
- it must name the tenant in the same expression — the call, the queryset chain it is
  called on, or its arguments: a keyword whose lookup path ends at `instansi` or
  `instansi_id` (`instansi=`, `instansi_id=`, `instansi_id__in=`, `skp__instansi_id=`,
  `instansi_id=OuterRef("instansi_id")` in a subquery);
- unless the chain starts at `<Model>.objects` of a model that is not tenant-owned:
  one that does not inherit `core.models.InstansiScoped` (the tenant itself, the login
  `User`, the audit trail and login failures, whose instansi may be empty). Any other
  start — a queryset in a variable, `type(row)`, a related manager — counts as
  tenant-owned and must say the tenant.

Re-reading, locking or updating a row already held is no exception: it says
`instansi_id=row.instansi_id` too, so that a reader never has to trace where an id
came from. The `tasks` modules are the worker's entry points: their ids (the admin who
queued a job, the job's own row) are handed over by the service that queued them inside
the tenant's transaction, as a session hands its user id to the auth middleware; what
they call (services, selectors) is checked here like everything else.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps

from ekinerja.core.models import InstansiScoped

PACKAGE = Path(__file__).resolve().parents[1]
ID_KEYWORDS = frozenset({"pk", "id", "pk__in", "id__in"})
LOOKUPS = frozenset({"get", "filter", "get_or_create", "update_or_create"})
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})
TRUSTED_LAYERS = frozenset({"access", "selectors"})
WORKER_ENTRY_POINTS = "tasks.py"


def tenant_free_models() -> frozenset[str]:
    """Class names of the project's models that are not tenant-owned."""
    return frozenset(
        m.__name__
        for m in apps.get_models()
        if m.__module__.startswith("ekinerja.") and not issubclass(m, InstansiScoped)
    )


def names_tenant(keyword: str | None) -> bool:
    """`instansi=`, `instansi_id=`, `instansi_id__in=`, `pegawai__instansi=`,
    `instansi__pk=`: the lookup path ends at the tenant."""
    if not keyword:
        return False
    parts = keyword.split("__")
    while len(parts) > 1 and parts[-1] in ("in", "exact"):
        parts.pop()
    if len(parts) > 1 and parts[-1] in ("pk", "id") and parts[-2] == "instansi":
        parts.pop()
    return parts[-1] in ("instansi", "instansi_id")


def _manager_model(node: ast.AST) -> str | None:
    """`Model` when the chain starts at `Model.objects` (or `Model._default_manager`)."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            if node.attr in ("objects", "_default_manager") and isinstance(node.value, ast.Name):
                return node.value.id
            node = node.value
        else:
            return None


def _lookup_by_id(call: ast.Call) -> tuple[bool, str | None]:
    """(whether the call looks rows up by id, the model its chain starts at)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        if func.attr == "in_bulk":
            return bool(call.args or call.keywords), _manager_model(func.value)
        if func.attr in LOOKUPS:
            has_id = any(k.arg in ID_KEYWORDS for k in call.keywords)
            return has_id, _manager_model(func.value)
    if isinstance(func, ast.Name) and func.id in SHORTCUTS and call.args:
        model = call.args[0]
        has_id = any(k.arg in ID_KEYWORDS for k in call.keywords)
        return has_id, model.id if isinstance(model, ast.Name) else _manager_model(model)
    return False, None


def unscoped_lookups(source: str, tenant_free: frozenset[str]) -> list[tuple[int, str]]:
    """(line, code) of every lookup by id in `source` that does not name the tenant."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        by_id, model = _lookup_by_id(node)
        if not by_id or model in tenant_free:
            continue
        if any(isinstance(n, ast.keyword) and names_tenant(n.arg) for n in ast.walk(node)):
            continue
        found.append((node.lineno, ast.unparse(node)))
    return found


def scanned_modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        if path.name.startswith("test_") or path.name in ("conftest.py", WORKER_ENTRY_POINTS):
            continue
        if path.stem in TRUSTED_LAYERS or TRUSTED_LAYERS & set(parts[:-1]):
            continue
        yield path


def test_every_lookup_by_id_names_the_tenant():
    free = tenant_free_models()
    problems = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {code}"
        for path in scanned_modules()
        for line, code in unscoped_lookups(path.read_text(encoding="utf-8"), free)
    ]
    assert not problems, (
        "A lookup by id must name the instansi (instansi_id=…), or go through an access "
        "or selectors function:\n" + "\n".join(problems)
    )


def test_the_scan_reads_the_services_and_views_and_skips_the_trusted_layers():
    scanned = {p.relative_to(PACKAGE).as_posix() for p in scanned_modules()}
    assert {
        "appraisal/services/penetapan.py",
        "plans/services/editing.py",
        "org/services/riwayat.py",
        "api/views/appraisal.py",
        "core/notify.py",
    } <= scanned
    assert (
        not {
            "org/access.py",
            "appraisal/selectors/penilaian.py",
            "plans/selectors.py",
            "execution/tasks.py",
            "org/tests/test_services.py",
        }
        & scanned
    )
    assert len(scanned) > 150


def test_the_tenant_free_models_are_the_tenant_the_login_and_the_audit_trail():
    assert tenant_free_models() == {"Instansi", "User", "AuditEvent", "LoginFailure"}


FREE = frozenset({"Instansi", "User"})


@pytest.mark.parametrize(
    "code",
    [
        "Evaluasi.objects.get(pk=evaluasi_id)",
        "Evaluasi.objects.filter(pk=setelah).annotate(x=1).first()",
        "SKP.objects.select_for_update().get(pk=found.pk)",
        "RHK.objects.filter(pk__in=ids).update(x=1)",
        "Pegawai.objects.filter(id=pk, aktif=True)",
        "qs.filter(pk__in=list(skp_ids))",
        "type(row).objects.get(pk=row.pk)",
        "skp.rhk.filter(pk=rhk_id)",
        "Pegawai.objects.filter(pk=x, unit__instansi_aktif=True)",
        "Pegawai.objects.filter(pk=x, instansi__aktif=True)",
        "UnitKerja.objects.in_bulk(missing)",
        "get_object_or_404(SKP, pk=pk)",
        "Jabatan.objects.filter(pk=OuterRef('jabatan_id'))",
        "Evaluasi.objects.filter(pk=1, **scope)",
    ],
)
def test_an_unscoped_lookup_by_id_is_found(code):
    assert [line for line, _code in unscoped_lookups(code, FREE)] == [1]


@pytest.mark.parametrize(
    "code",
    [
        "Evaluasi.objects.get(instansi_id=actor.instansi_id, pk=evaluasi_id)",
        "Evaluasi.objects.filter(instansi=inst).filter(pk=setelah).first()",
        "SKP.objects.select_for_update().get(instansi_id=found.instansi_id, pk=found.pk)",
        "RHK.objects.filter(instansi_id__in=insts, pk__in=ids)",
        "IKI.objects.filter(rhk__skp__instansi_id=i, pk=pk)",
        "SKPTemplate.objects.filter(instansi__pk=i, pk=pk)",
        "qs.filter(Q(instansi_id=i), pk=1)",
        "Jabatan.objects.filter(instansi_id=OuterRef('instansi_id'), pk=OuterRef('jabatan_id'))",
        "UnitKerja.objects.filter(instansi_id=i).in_bulk(missing)",
        "Instansi.objects.get(pk=evaluasi.instansi_id)",
        "User.objects.select_for_update().get(pk=user.pk)",
        "Evaluasi.objects.filter(unit_id=u, status='draft')",
        "counts.get(p, 0)",
        "Evaluasi.objects.exclude(pk=e.pk)",
    ],
)
def test_a_scoped_or_tenant_free_lookup_passes(code):
    assert unscoped_lookups(code, FREE) == []


def test_lines_point_at_the_lookup():
    source = "def f(actor, pk):\n    x = 1\n    return Evaluasi.objects.get(pk=pk)\n"
    assert unscoped_lookups(source, FREE) == [(3, "Evaluasi.objects.get(pk=pk)")]
