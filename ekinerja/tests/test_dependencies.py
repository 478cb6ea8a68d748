"""The dependency rules as a test (issue 12 item 1), in one table: the app order.

`LAYERS` says, for every app (also those not built yet), which apps below it it may
use. Four checks read the code, each per app, each failing with `file:line`, what was
written and why:

1. **Imports point down.** Every import in every .py file under `ekinerja/<app>/`
   (module level and inside functions, `import x` and `from x import y`, relative imports
   resolved, `import_module("x")` with a literal name; tests and management commands
   included, migrations excluded) goes to the app itself or to an app below it.
   Shared test infrastructure: an app's *tests* may also import `config` (the project
   they run in), `ekinerja.conftest` (the cast, built from core and org) and
   `ekinerja.tests.url_policy` (the URL × role vocabulary). Nothing else of
   `ekinerja/tests/` is imported by an app: that package holds the project's own tests,
   which may import any app and are not checked here.
2. **Only the public modules of a lower app.** Importing another app, a module imports
   only its `PUBLIC` modules (and their submodules: `domain.*`, `services.*`,
   `selectors.*`) — never `views*`, `forms*`, `urls*`, `templatetags`, `management`.
   `api` and `reports` are held to this as well: they compose other apps' selectors and
   services. An app's tests may also import a lower app's `tests` (factories, shared
   test data). `core` is the kernel: every module of it is public except those in
   `KERNEL_PRIVATE`.
3. **No page of a higher app is named below it.** No template of an app names a URL of
   a higher app (`{% url 'ns:name' %}`; a namespace maps to its app through the app's
   urls.py `app_name`, and names without one are core's) nor includes or extends a
   higher app's template; no module outside the tests writes a higher app's URL name
   ("api:docs"). A lower app offers a hook instead (core.menu, plans.hooks).
4. **No key into a lower app cascades.** For every ForeignKey and OneToOneField whose
   target is in a lower app (read from Django's app registry), on_delete is not CASCADE:
   a lower app does not know the rows that point at it, so deleting one of its rows must
   not take them (and their audit trail) along. PROTECT when the row belongs to what it
   points at (an SKP of a Pegawai), SET_NULL when the row stands on its own.

What each check flags is fixed by moving the piece where it belongs, not by an
exemption: there is no list of exceptions. The self-tests at the end prove that each
checker can fail.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from django.apps import apps
from django.db import models

import ekinerja

from .dependency_rules import (
    Relation,
    Rules,
    Violation,
    cascade_violations,
    direction_violations,
    is_test_module,
    report,
    surface_violations,
    template_violations,
    url_name_violations,
    url_namespaces,
)

# --- the rules, as data -----------------------------------------------------------------

# Each app → the apps below it that it may import (CONVENTIONS.md "Dependencies point one
# way"): core ← org ← sakip ← plans ← execution ← appraisal ← allowance; attendance ← org;
# allowance reads attendance; reports and api on top, side by side (neither imports the
# other). Apps not built yet are listed so that they start under the rule.
LAYERS: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "org": frozenset({"core"}),
    "sakip": frozenset({"core", "org"}),
    "plans": frozenset({"core", "org", "sakip"}),
    "execution": frozenset({"core", "org", "sakip", "plans"}),
    "appraisal": frozenset({"core", "org", "sakip", "plans", "execution"}),
    "attendance": frozenset({"core", "org"}),
    "allowance": frozenset(
        {"core", "org", "sakip", "plans", "execution", "appraisal", "attendance"}
    ),
    "reports": frozenset(
        {"core", "org", "sakip", "plans", "execution", "appraisal", "attendance", "allowance"}
    ),
    "api": frozenset(
        {"core", "org", "sakip", "plans", "execution", "appraisal", "attendance", "allowance"}
    ),
}

# What of another app a module may import (and submodules of these packages):
PUBLIC = frozenset(
    {
        "models",  # for foreign keys and reads; rows are written only through services
        "domain",  # pure rules
        "selectors",  # reads
        "services",  # writes
        "access",  # tenant and object gates
        "hooks",  # the registries through which higher apps take part (AppConfig.ready)
        # A lower app's demo data builders: the demo seeders of the apps above build on
        # them (org.seeding's Inserter/reserve_ids, execution.seeding.demo_window).
        "seeding",
        # The files an app takes in and hands out, shared by its pages and the API:
        # execution.files (upload checks, the access-checked evidence response) and
        # appraisal.exports (the audited SIASN export). reports will compose these.
        "files",
        "exports",
    }
)
TEST_PUBLIC = PUBLIC | {"tests"}  # a lower app's factories and test data, for tests only
# core is the kernel (roles, audit, clock, numbers, forms' BootstrapMixin, pdf, …): all
# of it is public but its pages and entry points (prefixes: views*, urls*, …).
KERNEL_PRIVATE = ("views", "urls", "management", "templatetags", "migrations", "tests")
SHARED_TEST_MODULES = ("ekinerja.conftest", "ekinerja.tests.url_policy")

RULES = Rules(
    layers=LAYERS,
    public=PUBLIC,
    test_public=frozenset(TEST_PUBLIC),
    kernel="core",
    kernel_private=KERNEL_PRIVATE,
    shared_test_modules=SHARED_TEST_MODULES,
)

# --- the tree -------------------------------------------------------------------------

ROOT = Path(ekinerja.__file__).resolve().parent.parent
PKG = ROOT / "ekinerja"


def _present_apps() -> list[str]:
    return sorted(p.name for p in PKG.iterdir() if (p / "apps.py").is_file())


APPS = _present_apps()


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _python_files(app: str) -> list[Path]:
    return sorted(p for p in (PKG / app).rglob("*.py") if "migrations" not in p.parts)


Checker = Callable[[str, str, str, Rules], list[Violation]]


@functools.cache
def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _scan(app: str, checker: Checker) -> list[Violation]:
    out: list[Violation] = []
    for path in _python_files(app):
        out += checker(app, _rel(path), _source(path), RULES)
    return out


def _namespaces() -> dict[str, str]:
    return url_namespaces(
        {app: [p.read_text() for p in (PKG / app).glob("urls*.py")] for app in APPS}
    )


def _template_dirs() -> dict[str, str]:
    """{first part of a template name: app}: core/…, registration/…, base.html → core."""
    out = {}
    for app in APPS:
        templates = PKG / app / "templates"
        if templates.is_dir():
            out.update({entry.name: app for entry in templates.iterdir()})
    return out


NAMESPACES = _namespaces()


# --- the table covers the project ---------------------------------------------------------


def test_every_app_is_in_the_order():
    installed = {c.label for c in apps.get_app_configs() if c.name.startswith("ekinerja.")}
    missing = sorted((installed | set(APPS)) - set(LAYERS))
    assert not missing, f"apps without a place in {__name__}.LAYERS: {missing}"


def test_the_order_is_a_strict_order():
    """Each app may use what the apps below it may use, and nothing uses itself or an
    app that uses it (no cycle)."""
    for app, lower in LAYERS.items():
        assert app not in lower, app
        assert lower <= set(LAYERS), (app, lower - set(LAYERS))
        for other in lower:
            assert LAYERS[other] <= lower, f"{app} uses {other} but not all it uses"
            assert app not in LAYERS[other], f"cycle: {app} ↔ {other}"


def test_every_url_namespace_belongs_to_an_app():
    assert set(NAMESPACES.values()) <= set(APPS)
    assert {"core", "org", "plans", "execution", "appraisal", "api"} <= set(NAMESPACES)


# --- the four checks ------------------------------------------------------------------------


@pytest.mark.parametrize("app", APPS)
def test_imports_point_down(app):
    found = _scan(app, direction_violations)
    assert not found, f"{app} imports from an app that is not below it:\n" + report(found)


@pytest.mark.parametrize("app", APPS)
def test_only_the_public_modules_of_another_app(app):
    found = _scan(app, surface_violations)
    assert not found, (
        f"{app} imports a module another app keeps to itself (move the piece into that "
        f"app's domain, selectors, services or hooks, or into core):\n" + report(found)
    )


@pytest.mark.parametrize("app", APPS)
def test_templates_name_no_page_of_a_higher_app(app):
    dirs = _template_dirs()
    found: list[Violation] = []
    templates = PKG / app / "templates"
    for path in sorted(templates.rglob("*")) if templates.is_dir() else []:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found += template_violations(app, _rel(path), text, RULES, NAMESPACES, dirs)
    assert not found, (
        f"templates of {app} link to or include pages of a higher app (register a menu "
        "entry or a card action through a hook instead):\n" + report(found)
    )


@pytest.mark.parametrize("app", APPS)
def test_code_names_no_url_of_a_higher_app(app):
    found: list[Violation] = []
    for path in _python_files(app):
        rel = _rel(path)
        if not is_test_module(rel):  # tests may ask for any page: they test the whole site
            found += url_name_violations(app, rel, _source(path), RULES, NAMESPACES)
    assert not found, f"{app} names URLs of a higher app:\n" + report(found)


def _field_line(model: type[models.Model], name: str) -> tuple[str, int]:
    """Where a field is written: its model's file and the line of `name = …` in the
    class (the class line for an inherited field)."""
    lines, start = inspect.getsourcelines(model)
    written = re.compile(rf"^\s+{re.escape(name)}\s*[:=]")
    line = next((start + i for i, text in enumerate(lines) if written.match(text)), start)
    return _rel(Path(inspect.getfile(model))), line


def _relations(app: str) -> list[Relation]:
    out = []
    for model in apps.get_app_config(app).get_models():
        for field in model._meta.get_fields():
            if not (field.concrete and (field.many_to_one or field.one_to_one)):
                continue
            # A concrete many-to-one or one-to-one field: a ForeignKey.
            fk = cast("models.ForeignKey[Any, Any]", field)
            target = fk.related_model._meta
            path, line = _field_line(model, field.name)
            out.append(
                Relation(
                    app=app,
                    model=model.__name__,
                    field=field.name,
                    target_app=target.app_label,
                    target_model=target.object_name,
                    on_delete=fk.remote_field.on_delete.__name__,
                    source=path,
                    line=line,
                )
            )
    return out


@pytest.mark.parametrize("app", [a for a in APPS if apps.get_app_config(a).models_module])
def test_no_key_into_a_lower_app_cascades(app):
    found = cascade_violations(_relations(app), RULES)
    assert not found, f"keys of {app} into lower apps delete on cascade:\n" + report(found)


# --- the checkers can fail -----------------------------------------------------------------


def _targets(violations: list[Violation]) -> list[str]:
    return [v.target for v in violations]


def test_direction_flags_upward_lazy_relative_and_dynamic_imports():
    source = (
        "import ekinerja.appraisal.models\n"
        "from ekinerja.org.models import Pegawai\n"  # down: fine
        "from ...execution import hooks\n"  # relative, resolved: up from plans
        "def f():\n"
        "    from ekinerja.api.tokens import token_create\n"  # lazy
        "    import_module('ekinerja.allowance.services')\n"  # a planned app, dynamic
        "    from ekinerja.conftest import PASSWORD\n"  # test helper outside the tests
    )
    found = direction_violations("plans", "ekinerja/plans/services/x.py", source, RULES)
    assert _targets(found) == [
        "ekinerja.appraisal.models",
        "ekinerja.execution.hooks",
        "ekinerja.api.tokens.token_create",
        "ekinerja.allowance.services",
        "ekinerja.conftest.PASSWORD",
    ]
    assert found[1].line == 3 and found[1].what == "from ...execution import hooks"
    message = str(found[0])
    assert message.startswith("ekinerja/plans/services/x.py:1: import ekinerja.appraisal")
    assert "appraisal is not below plans" in message
    # Tests may use the cast and the project; attendance may not import plans.
    test = "from ekinerja.conftest import PASSWORD\nfrom config import urls\n"
    assert not direction_violations("core", "ekinerja/core/tests/test_x.py", test, RULES)
    up = direction_violations(
        "attendance", "ekinerja/attendance/x.py", "import ekinerja.plans", RULES
    )
    assert _targets(up) == ["ekinerja.plans"]


def test_surface_flags_views_forms_and_urls_of_another_app():
    source = (
        "from ekinerja.plans.views.common import target_text\n"
        "from ekinerja.execution import access, files, forms\n"
        "from ekinerja.appraisal.domain.ratings import predikat\n"  # a domain.* module
        "from ekinerja.org import seeding\n"
        "from ekinerja.core.forms import BootstrapMixin\n"  # kernel helper: fine
        "from ekinerja.core.views import home\n"
        "from ekinerja.plans.tests.factories import approved_cascade\n"  # not in code
    )
    found = surface_violations("api", "ekinerja/api/views/x.py", source, RULES)
    assert _targets(found) == [
        "ekinerja.plans.views.common.target_text",
        "ekinerja.execution.forms",
        "ekinerja.core.views.home",
        "ekinerja.plans.tests.factories.approved_cascade",
    ]
    assert "plans.views is not public" in str(found[0])
    in_tests = surface_violations("api", "ekinerja/api/tests/test_x.py", source, RULES)
    assert "ekinerja.plans.tests.factories.approved_cascade" not in _targets(in_tests)


def test_templates_flag_a_higher_apps_url_and_template():
    text = (
        "{% load i18n %}\n"
        "<a href=\"{% url 'plans:skp-detail' skp.pk %}\">SKP</a>\n"
        "<a href='{% url \"execution:bukti-rhk\" rhk.pk %}'>Bukti</a>\n"
        "<a href=\"{% url 'home' %}\">{% include 'appraisal/partials/_x.html' %}</a>\n"
        "{% url 'nowhere:page' %}{% include 'org/partials/_pegawai.html' %}\n"
    )
    found = template_violations(
        "plans",
        "ekinerja/plans/templates/plans/x.html",
        text,
        RULES,
        {"plans": "plans", "execution": "execution", "org": "org"},
        {"appraisal": "appraisal", "org": "org", "base.html": "core"},
    )
    assert [(v.line, v.target) for v in found] == [
        (3, "execution:bukti-rhk"),
        (4, "appraisal/partials/_x.html"),
        (5, "nowhere:page"),
    ]
    code = 'if match.view_name == "api:docs":\n    return redirect("org:dashboard")\n'
    names = url_name_violations("core", "ekinerja/core/x.py", code, RULES, {"api": "api"})
    assert [(v.line, v.target) for v in names] == [(1, "api:docs")]


def test_cascade_flags_a_key_into_a_lower_app_only():
    def rel(app: str, target: str, on_delete: str) -> Relation:
        return Relation(app, "M", "f", target, "T", on_delete, f"ekinerja/{app}/models.py", 7)

    relations = [
        rel("api", "core", "CASCADE"),  # flagged
        rel("api", "core", "PROTECT"),
        rel("plans", "plans", "CASCADE"),  # inside an app: its own business
        rel("core", "org", "CASCADE"),  # up: not this check's question
        rel("execution", "plans", "SET_NULL"),
    ]
    found = cascade_violations(relations, RULES)
    assert [v.what for v in found] == ["api.M.f → core.T"]
    assert str(found[0]).startswith("ekinerja/api/models.py:7: api.M.f → core.T")
    assert "PROTECT" in str(found[0])
    assert models.CASCADE.__name__ == "CASCADE"  # what _relations compares against
    # The registry is read as the check reads it: the token's key, PROTECT since 0002.
    token = next(r for r in _relations("api") if r.field == "user")
    assert (token.target_app, token.on_delete, token.source) == (
        "core",
        "PROTECT",
        "ekinerja/api/models.py",
    )
    assert "user = models.ForeignKey(" in _source(ROOT / token.source).splitlines()[token.line - 1]
