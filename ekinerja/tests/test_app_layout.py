"""One layout for every app (issue 12 item 3; docs/architecture.md, "Layout of an app"),
checked for each app of INSTALLED_APPS under ekinerja/, so that a new app is covered the
day it is installed:

- pages are a `views/` package and forms a `forms/` package, one module per concern:
  never a `views.py`/`forms.py` module, never a `views_*.py`, `forms_*.py` or
  `urls_*.py` beside them;
- one `urls.py` per app (no `urls/` package, no second URL module);
- every package's `__init__.py` is only a docstring (or empty): no imports, no
  definitions, nothing re-exported, so callers import the module that defines what they
  need. A docstring names each module of its package, and `views/`, `forms/`,
  `services/` and `selectors/` must have one. The one exception is `seeding/__init__.py`,
  which holds `seed_demo_data`, the hook `manage.py seed_demo` finds by name;
- no module of the application (tests and migrations aside) is longer than
  `MAX_LINES`, unless its docstring says it is "A data module" (word lists, the
  length of which is the data: plans/seeding/vocabulary.py).

`services` and `selectors` may stay single modules while they are short; past the
limit they become packages like the rest.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

MAX_LINES = 650  # CONVENTIONS.md: a module that passes ~600 lines becomes a package
DATA_MARKER = "A data module"
PACKAGES_ONLY = ("views", "forms")  # never a single module
DOCUMENTED = ("views", "forms", "services", "selectors")  # their __init__ lists modules
HOOK_PACKAGES = ("seeding",)  # __init__ holds seed_demo_data (org's seed_demo command)
SKIPPED = ("migrations", "tests", "__pycache__")


def _apps() -> list:
    return sorted(
        (c for c in apps.get_app_configs() if c.name.startswith("ekinerja.")),
        key=lambda c: c.label,
    )


def _code(app_dir: Path) -> list[Path]:
    """The app's Python modules, tests and migrations aside."""
    return sorted(
        p
        for p in app_dir.rglob("*.py")
        if not set(p.relative_to(app_dir).parts[:-1]) & set(SKIPPED)
    )


def _docstring_only(tree: ast.Module) -> list[str]:
    """What a package's __init__ holds besides its docstring (empty when nothing)."""
    body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
    return [type(node).__name__ for node in body]


def _modules_of(package: Path) -> list[str]:
    names = [p.stem for p in package.glob("*.py") if p.name != "__init__.py"]
    names += [p.name for p in package.iterdir() if (p / "__init__.py").is_file()]
    return sorted(n for n in names if n not in SKIPPED)


def layout_problems(app_dir: Path) -> list[str]:
    """Every way `app_dir` departs from the layout, as messages that say the fix."""
    problems: list[str] = []
    for path in sorted(app_dir.glob("*.py")):
        if m := re.fullmatch(r"(views|forms|urls)_\w+\.py", path.name):
            problems.append(
                f"{path.name}: one {m[1]} per app; move it into "
                + ("urls.py" if m[1] == "urls" else f"{m[1]}/<concern>.py")
            )
    for name in PACKAGES_ONLY:
        if (app_dir / f"{name}.py").is_file():
            problems.append(f"{name}.py: {name} are a {name}/ package, one module per concern")
    if (app_dir / "urls").is_dir():
        problems.append("urls/: one urls.py per app, not a package")
    url_modules = [p for p in _code(app_dir) if p.stem.startswith("urls")]
    if len(url_modules) > 1:
        names = ", ".join(str(p.relative_to(app_dir)) for p in url_modules)
        problems.append(f"{names}: one urls.py per app")
    for init in _code(app_dir):
        if init.name != "__init__.py" or init.parent == app_dir:
            continue
        package = init.parent
        rel = package.relative_to(app_dir).as_posix()
        if rel in HOOK_PACKAGES:
            continue
        tree = ast.parse(init.read_text())
        extra = _docstring_only(tree)
        if extra:
            problems.append(
                f"{rel}/__init__.py: only a docstring listing the modules (found "
                f"{', '.join(sorted(set(extra)))}); callers import the defining module"
            )
        doc = ast.get_docstring(tree)
        if doc is None:
            if rel in DOCUMENTED:
                problems.append(f"{rel}/__init__.py: a docstring naming each module")
            continue
        missing = [n for n in _modules_of(package) if not re.search(rf"\b{n}\b", doc)]
        if missing:
            problems.append(f"{rel}/__init__.py: the docstring names no {', '.join(missing)}")
    for path in _code(app_dir):
        lines = len(path.read_text().splitlines())
        if lines <= MAX_LINES:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        if DATA_MARKER not in doc:
            problems.append(
                f"{path.relative_to(app_dir)}: {lines} lines (limit {MAX_LINES}); split it "
                f'into a package by concern, or say "{DATA_MARKER}" in its docstring'
            )
    return problems


def test_every_app_of_the_project_is_checked():
    assert {"core", "org", "plans", "execution", "appraisal", "api"} <= {c.label for c in _apps()}


@pytest.mark.parametrize("app", _apps(), ids=lambda c: c.label)
def test_the_app_follows_the_one_layout(app):
    assert layout_problems(Path(app.path)) == []


def _write(root: Path, rel: str, text: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_check_finds_each_departure(tmp_path):
    """An app that breaks every rule once: each is reported."""
    app = tmp_path / "demo"
    _write(app, "__init__.py")
    _write(app, "views.py", "def page(request): ...\n")
    _write(app, "views_extra.py")
    _write(app, "forms_extra.py")
    _write(app, "urls.py")
    _write(app, "urls_api.py")
    _write(app, "forms/__init__.py", '"""Forms: `a`."""\n\nfrom .a import AForm\n')
    _write(app, "forms/a.py")
    _write(app, "forms/b.py")
    _write(app, "services/__init__.py")
    _write(app, "services/pegawai.py")
    _write(app, "seeding/__init__.py", "def seed_demo_data(instansi, *, seed): ...\n")
    _write(app, "long.py", "x = 1\n" * (MAX_LINES + 1))
    _write(app, "words.py", f'"""{DATA_MARKER}: words."""\n' + "x = 1\n" * MAX_LINES)
    _write(app, "tests/test_long.py", "x = 1\n" * (MAX_LINES + 1))
    problems = "\n".join(layout_problems(app))
    for expected in (
        "views_extra.py: one views per app",
        "forms_extra.py: one forms per app",
        "urls_api.py: one urls per app",
        "views.py: views are a views/ package",
        "urls.py, urls_api.py: one urls.py per app",
        "forms/__init__.py: only a docstring listing the modules (found ImportFrom)",
        "forms/__init__.py: the docstring names no b",
        "services/__init__.py: a docstring naming each module",
        f"long.py: {MAX_LINES + 1} lines",
    ):
        assert expected in problems
    assert "seeding" not in problems  # the hook package holds its hook
    assert "words.py" not in problems  # a data module may be long
    assert "tests/" not in problems  # tests are not the app's layout
