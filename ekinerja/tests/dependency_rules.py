"""The checkers behind test_dependencies.py: pure functions over source text, template
text and model field records, so that each can be fed a small snippet in a self-test.

They know nothing of the app order; the rules are passed in as `Rules` (the tables at
the top of test_dependencies.py).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "ekinerja"
PROJECT = "config"  # settings and the root URLconf: above every app


@dataclass(frozen=True)
class Rules:
    """The app order and the surface of each app (see test_dependencies.py)."""

    layers: Mapping[str, frozenset[str]]  # app → the lower apps it may use
    public: frozenset[str]  # modules of an app that other apps may import
    test_public: frozenset[str]  # … and that other apps' tests may import as well
    kernel: str  # the app whose every module is public except `kernel_private`
    kernel_private: tuple[str, ...]  # prefixes: views*, urls*, management, …
    shared_test_modules: tuple[str, ...]  # project test helpers any app's tests may use

    def may_use(self, app: str, other: str) -> bool:
        return other == app or other in self.layers.get(app, frozenset())


@dataclass(frozen=True)
class Import:
    """One imported name (or module), as written."""

    line: int
    target: str  # ekinerja.plans.views.common.target_text, or a module
    statement: str  # "from ekinerja.plans.views.common import target_text"


@dataclass(frozen=True)
class Violation:
    path: str  # relative to the repository
    line: int
    what: str  # the statement, the tag or the field
    target: str  # what it reaches: a dotted name, a URL name, a template, a model
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}\n    {self.why}"


def is_test_module(relpath: str) -> bool:
    """A file of an app's test suite: under `<app>/tests/`, or a conftest.py."""
    parts = Path(relpath).parts
    return "tests" in parts[2:] or parts[-1] == "conftest.py"


# --- imports --------------------------------------------------------------------------


def module_name(relpath: str) -> str:
    """ekinerja/plans/views/common.py → ekinerja.plans.views.common."""
    parts = list(Path(relpath).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


_DYNAMIC = {"import_module", "importorskip", "__import__"}


def imports_of(source: str, relpath: str) -> Iterator[Import]:
    """Every import of a module: at module level and inside functions (lazy), `import x`
    and `from x import y`, relative ones resolved, and `import_module("x")` /
    `pytest.importorskip("x")` with a literal name."""
    module = module_name(relpath)
    is_package = relpath.endswith("__init__.py")
    nodes = sorted(
        (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.stmt | ast.expr)),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            source_module = _resolve(node, module, is_package)
            written = "." * node.level + (node.module or "")
            for alias in node.names:
                yield Import(
                    node.lineno,
                    f"{source_module}.{alias.name}",
                    f"from {written} import {alias.name}",
                )
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            arg = node.args[0]
            if name in _DYNAMIC and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield Import(node.lineno, arg.value, f'{name}("{arg.value}")')


def app_of(target: str) -> str | None:
    """The app a dotted name belongs to (ekinerja.<app>…), PROJECT for config, None for
    anything outside the project (stdlib, Django, third-party)."""
    parts = target.split(".")
    if parts[0] == PROJECT:
        return PROJECT
    if parts[0] != PACKAGE:
        return None
    return parts[1] if len(parts) > 1 else PACKAGE


def _shared_test_helper(target: str, rules: Rules) -> bool:
    return any(target == m or target.startswith(m + ".") for m in rules.shared_test_modules)


def direction_violations(app: str, relpath: str, source: str, rules: Rules) -> list[Violation]:
    """Check 1: an import goes to the app itself or to an app below it."""
    test = is_test_module(relpath)
    out = []
    for imp in imports_of(source, relpath):
        other = app_of(imp.target)
        if other is None or other == app:
            continue
        if other in rules.layers:
            if rules.may_use(app, other):
                continue
            why = f"{app} may not import {other}: {other} is not below {app} in the app order"
        elif other == PROJECT or _shared_test_helper(imp.target, rules):
            if test:
                continue  # tests run inside the project and share the cast
            why = f"only an app's tests may import {imp.target}"
        else:
            why = f"{imp.target} is not in an app of the order (nor a shared test helper)"
        out.append(Violation(relpath, imp.line, imp.statement, imp.target, why))
    return out


def surface_violations(app: str, relpath: str, source: str, rules: Rules) -> list[Violation]:
    """Check 2: from a lower app, only its public modules (and their submodules)."""
    test = is_test_module(relpath)
    out = []
    for imp in imports_of(source, relpath):
        other = app_of(imp.target)
        if other is None or other == app or other not in rules.layers:
            continue
        if not rules.may_use(app, other):
            continue  # check 1 reports it
        parts = imp.target.split(".")
        top = parts[2] if len(parts) > 2 else ""
        if other == rules.kernel:
            private = top.startswith(rules.kernel_private) and not (test and top == "tests")
            if top and not private:
                continue
            why = f"{other}.{top or '*'} is not part of the kernel's surface"
        else:
            allowed = rules.test_public if test else rules.public
            if top in allowed:
                continue
            names = ", ".join(sorted(allowed))
            why = f"{other}.{top or '*'} is not public: another app imports only {names}"
        out.append(Violation(relpath, imp.line, imp.statement, imp.target, why))
    return out


# --- URL names and templates ----------------------------------------------------------

URL_TAG = re.compile(r"""\{%\s*url\s+(["'])([^"']+)\1""")
TEMPLATE_TAG = re.compile(r"""\{%\s*(?:include|extends)\s+(["'])([^"']+)\1""")
URL_NAME = re.compile(r"^([a-z_]+):([\w-]+)$")


def url_namespaces(urls_sources: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """{namespace: app} from the `app_name = "…"` of each app's urls*.py, and from an
    `include((patterns, "namespace"))` inside it (core names its own routes that way)."""
    out: dict[str, str] = {}
    for app, sources in urls_sources.items():
        for source in sources:
            tree = ast.parse(source)
            for stmt in tree.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "app_name" for t in stmt.targets)
                    and isinstance(stmt.value, ast.Constant)
                ):
                    out[str(stmt.value.value)] = app
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "include"
                    and node.args
                    and isinstance(node.args[0], ast.Tuple)
                    and len(node.args[0].elts) == 2
                    and isinstance(node.args[0].elts[1], ast.Constant)
                ):
                    out[str(node.args[0].elts[1].value)] = app
    return out


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def template_violations(
    app: str,
    relpath: str,
    text: str,
    rules: Rules,
    namespaces: Mapping[str, str],
    template_dirs: Mapping[str, str],
) -> list[Violation]:
    """Check 3: a template names no URL of a higher app ({% url 'ns:name' %}; a name
    without a namespace is core's) and includes or extends no template of one."""
    out = []
    for m in URL_TAG.finditer(text):
        name = m.group(2)
        ns = name.split(":", 1)[0] if ":" in name else ""
        other = namespaces.get(ns) if ns else rules.kernel
        if other is None:
            why = f"unknown URL namespace {ns!r}"
        elif rules.may_use(app, other):
            continue
        else:
            why = f"{name} is a page of {other}, which is not below {app}"
        out.append(Violation(relpath, _line(text, m.start()), m.group(0) + " %}", name, why))
    for m in TEMPLATE_TAG.finditer(text):
        name = m.group(2)
        other = template_dirs.get(name.split("/", 1)[0] if "/" in name else name)
        if other is None or rules.may_use(app, other):
            continue  # a template of Django or a library, or of an app below
        why = f"{name} is a template of {other}, which is not below {app}"
        out.append(Violation(relpath, _line(text, m.start()), m.group(0) + " %}", name, why))
    return sorted(out, key=lambda v: v.line)


def url_name_violations(
    app: str, relpath: str, source: str, rules: Rules, namespaces: Mapping[str, str]
) -> list[Violation]:
    """Check 3 in Python: a string that is a URL name of a higher app ("api:docs" in a
    reverse(), a redirect() or a comparison)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        m = URL_NAME.match(node.value)
        if not m or m.group(1) not in namespaces:
            continue
        other = namespaces[m.group(1)]
        if rules.may_use(app, other):
            continue
        why = f"{node.value} is a page of {other}, which is not below {app}"
        out.append(Violation(relpath, node.lineno, repr(node.value), node.value, why))
    return sorted(out, key=lambda v: v.line)


# --- foreign keys -----------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """A foreign key or one-to-one field, as the checker needs it."""

    app: str
    model: str
    field: str
    target_app: str
    target_model: str
    on_delete: str  # CASCADE, PROTECT, SET_NULL, …
    source: str  # where it is defined (file of the model) …
    line: int  # … and the line


def cascade_violations(relations: Iterable[Relation], rules: Rules) -> list[Violation]:
    """Check 4: no key from a higher app into a lower one deletes on cascade: deleting a
    lower app's row must not silently take a higher app's rows (and their audit trail)
    with it; PROTECT makes the delete ask, SET_NULL keeps the row."""
    out = []
    for r in relations:
        if r.target_app == r.app or r.target_app not in rules.layers.get(r.app, ()):
            continue
        if r.on_delete != "CASCADE":
            continue
        what = f"{r.app}.{r.model}.{r.field} → {r.target_app}.{r.target_model}"
        why = (
            f"on_delete=CASCADE: deleting a {r.target_app}.{r.target_model} would delete "
            f"{r.app}.{r.model} rows; use PROTECT (or SET_NULL when the row stands alone)"
        )
        out.append(Violation(r.source, r.line, what, f"{r.target_app}.{r.target_model}", why))
    return out


def report(violations: Iterable[Violation]) -> str:
    return "\n".join(str(v) for v in violations)
