"""Every kind of audit event the code can write, read from the source (an AST scan of
ekinerja/, tests and migrations excluded): each `audit.record(...)` call and each
`AuditEvent(...)` built for `audit.bulk_record`, with

- the action codes it can write (a literal, either side of `a if c else b`, a variable
  assigned in the function, or a parameter filled by the function's callers; an
  f-string is expanded through `EXPANSIONS` below),
- the model of its object (`obj=`, `object_type=`), as far as the code says it,
- the keys of its `changes` (dict literals, `audit.snapshot(obj, FIELDS)`, `audit.diff`,
  local helpers, `changes[...] = ...`), and whether some keys could not be read.

Used by test_audit_kinds.py so that a new kind of event is covered the day it is
written. Whatever the scan cannot read is reported, never guessed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]  # ekinerja/

# f-string action codes and the values their placeholder takes (the code that builds
# them says which): {"file:pattern": [codes]}. A new f-string must be added here.
EXPANSIONS: dict[str, list[str]] = {
    "plans/services/workflow.py:skp.{}": ["skp.approve", "skp.return"],
    "org/services/riwayat.py:pegawai.jabatan.{}": [
        "pegawai.jabatan.definitif",
        "pegawai.jabatan.plt",
        "pegawai.jabatan.plh",
    ],
    "org/imports/units.py:unit.{}": ["unit.create", "unit.update"],
    "org/imports/jabatan.py:jabatan.{}": ["jabatan.create", "jabatan.update"],
}


@dataclass
class Site:
    where: str
    actions: set[str] = field(default_factory=set)
    model: str | None = None  # label_lower; "" when no model; None when the code won't say
    keys: set[str] = field(default_factory=set)
    open_keys: bool = False  # some keys could not be read from the code
    problems: list[str] = field(default_factory=list)


@cache
def _models_by_name() -> dict[str, str]:
    out: dict[str, str] = {}
    for model in apps.get_models():
        if model.__module__.startswith("ekinerja.") or model._meta.app_label == "core":
            out[model.__name__] = model._meta.label_lower
    return out


class _Module:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.rel = path.relative_to(ROOT).as_posix()
        self.tree = ast.parse(path.read_text())
        self.constants: dict[str, ast.expr] = {}
        self.functions: dict[str, ast.FunctionDef] = {}
        self.imports: dict[str, tuple[str, str]] = {}
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                self.constants[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    self.constants[node.target.id] = node.value
            elif isinstance(node, ast.ImportFrom) and node.module is not None:
                base = node.module
                if node.level:  # relative import
                    package = self.rel.removesuffix(".py").split("/")[: -node.level]
                    base = ".".join(["ekinerja", *package, *([node.module] if node.module else [])])
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (base, alias.name)
        for node in ast.walk(self.tree):
            if isinstance(node, ast.FunctionDef):
                self.functions.setdefault(node.name, node)

    def enclosing_function(self, node: ast.AST) -> ast.FunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef):
                return node
        return None


@cache
def _module(path: Path) -> _Module:
    return _Module(path)


def _module_for(dotted: str) -> _Module | None:
    if not dotted.startswith("ekinerja."):
        return None
    parts = dotted.split(".")[1:]
    candidates = (ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts, "__init__.py"))
    for candidate in candidates:
        if candidate.is_file():
            return _module(candidate)
    return None


class _Resolver:
    def __init__(self, module: _Module, site: Site) -> None:
        self.m = module
        self.site = site

    # -- names ------------------------------------------------------------------------

    def _assigned(self, func: ast.FunctionDef | None, name: str) -> list[ast.expr]:
        scope = func.body if func is not None else []
        values: list[ast.expr] = []
        for stmt in scope:
            for node in ast.walk(stmt):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name) and target.id == name:
                            values.append(node.value)
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    if node.target.id == name and node.value is not None:
                        values.append(node.value)
                elif isinstance(node, ast.For) and isinstance(node.target, ast.Tuple):
                    values.extend(self._loop_values(func, node, name))
        return values

    def _loop_values(self, func: ast.FunctionDef | None, loop: ast.For, name: str) -> list:
        """`for a, b in ((X, "x"), (Y, "y"))` (or over a name bound to such a tuple):
        the values `name` takes."""
        assert isinstance(loop.target, ast.Tuple)
        names = [t.id if isinstance(t, ast.Name) else None for t in loop.target.elts]
        if name not in names:
            return []
        index = names.index(name)
        sources = [loop.iter]
        if isinstance(loop.iter, ast.Name):
            sources = [v for v in self._assigned(func, loop.iter.id) if v is not loop.iter]
        out: list[ast.expr] = []
        for source in sources:
            if isinstance(source, ast.Tuple | ast.List):
                for row in source.elts:
                    if isinstance(row, ast.Tuple) and index < len(row.elts):
                        out.append(row.elts[index])
        return out

    def _constant(self, name: str) -> tuple[_Module, ast.expr] | None:
        if name in self.m.constants:
            return self.m, self.m.constants[name]
        if name in self.m.imports:
            source, attr = self.m.imports[name]
            other = _module_for(source)
            if other is not None and attr in other.constants:
                return other, other.constants[attr]
        return None

    def _calling_modules(self, name: str) -> list[tuple[_Module, str]]:
        """This module and the modules beside it (a package split by concern) that import
        `name` from it, each with the name it is called by there."""
        out = [(self.m, name)]
        for path in sorted(self.m.path.parent.glob("*.py")):
            other = _module(path)
            if other is self.m:
                continue
            for local, (source, attr) in other.imports.items():
                if attr == name and _module_for(source) is self.m:
                    out.append((other, local))
        return out

    def _callers_args(self, func: ast.FunctionDef, param: str) -> list[tuple[_Module, ast.expr]]:
        """The argument given for `param` wherever `func` is called: in its module and
        in the modules beside it that import it."""
        names = [a.arg for a in func.args.args + func.args.kwonlyargs]
        index = names.index(param)
        positional = param in [a.arg for a in func.args.args]
        out = []
        for module, called_as in self._calling_modules(func.name):
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call):
                    continue
                callee = node.func.id if isinstance(node.func, ast.Name) else None
                if callee != called_as:
                    continue
                arg = next((k.value for k in node.keywords if k.arg == param), None)
                if arg is None and positional and index < len(node.args):
                    arg = node.args[index]
                if arg is not None:
                    out.append((module, arg))
        return out

    def _is_param(self, func: ast.FunctionDef | None, name: str) -> bool:
        if func is None:
            return False
        return name in [a.arg for a in func.args.args + func.args.kwonlyargs]

    # -- strings (action codes, object types, field lists) ---------------------------

    def strings(self, node: ast.expr, func: ast.FunctionDef | None, depth: int = 0) -> set[str]:
        if depth > 15:
            self.site.problems.append(f"too deep: {ast.unparse(node)}")
            return set()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return self.strings(node.body, func, depth + 1) | self.strings(
                node.orelse, func, depth + 1
            )
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return set().union(*(self.strings(e, func, depth) for e in node.elts))
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp):
            return self.strings(node.generators[0].iter, func, depth + 1)  # a superset
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.strings(node.left, func, depth + 1) | self.strings(
                node.right, func, depth + 1
            )
        if isinstance(node, ast.Starred):
            return self.strings(node.value, func, depth + 1)
        if isinstance(node, ast.JoinedStr):
            pattern = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            key = f"{self.m.rel}:{pattern}"
            if key in EXPANSIONS:
                return set(EXPANSIONS[key])
            self.site.problems.append(f"f-string {pattern!r}: add it to EXPANSIONS ({key})")
            return set()
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "label_lower"
            and isinstance(node.value, ast.Attribute)
            and isinstance(node.value.value, ast.Name)
        ):
            label = _models_by_name().get(node.value.value.id)
            if label:
                return {label}
            labels = {
                _models_by_name().get(v.id)
                for v in self._assigned(func, node.value.value.id)
                if isinstance(v, ast.Name)
            }
            if labels and None not in labels:
                return labels
        if isinstance(node, ast.Name):
            found: set[str] = set()
            values = self._assigned(func, node.id)
            for value in values:
                found |= self.strings(value, func, depth + 1)
            if not values and self._is_param(func, node.id):
                assert func is not None
                for module, arg in self._callers_args(func, node.id):
                    caller = module.enclosing_function(arg)
                    found |= _Resolver(module, self.site).strings(arg, caller, depth + 1)
            elif not values and (const := self._constant(node.id)) is not None:
                module, value = const
                found |= _Resolver(module, self.site).strings(value, None, depth + 1)
            if found:
                return found
        self.site.problems.append(f"cannot read {ast.unparse(node)!r}")
        return set()

    # -- the object's model ------------------------------------------------------------

    def model(self, node: ast.expr, func: ast.FunctionDef | None) -> str | None:
        if isinstance(node, ast.Attribute):
            if node.attr == "user":
                return "core.user"
            base = self.model(node.value, func)
            if base:
                try:
                    related = apps.get_model(base)._meta.get_field(node.attr).related_model
                except Exception:  # noqa: BLE001 - not a relation: unknown
                    related = None
                if related is not None:
                    return related._meta.label_lower
            return None
        if not isinstance(node, ast.Name):
            return None
        if node.id == "user":
            return "core.user"
        if func is not None:
            for arg in func.args.args + func.args.kwonlyargs:
                if arg.arg == node.id and arg.annotation is not None:
                    label = self._annotation_model(arg.annotation)
                    if label:
                        return label
            for value in self._assigned(func, node.id):
                label = self._expr_model(value)
                if label:
                    return label
            # `for x in Model.objects…` / tuple unpacking from a typed call
            for sub in ast.walk(func):
                if isinstance(sub, ast.Assign) and isinstance(sub.targets[0], ast.Tuple):
                    names = [t.id for t in sub.targets[0].elts if isinstance(t, ast.Name)]
                    if node.id in names:
                        label = self._expr_model(sub.value, index=names.index(node.id))
                        if label:
                            return label
        return None

    def _annotation_model(self, annotation: ast.expr, index: int | None = None) -> str | None:
        if isinstance(annotation, ast.Name):
            return _models_by_name().get(annotation.id)
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            return self._annotation_model(ast.parse(annotation.value, mode="eval").body, index)
        if isinstance(annotation, ast.BinOp):  # Model | None
            return self._annotation_model(annotation.left, index) or self._annotation_model(
                annotation.right, index
            )
        if isinstance(annotation, ast.Subscript) and index is not None:
            inner = annotation.slice
            if isinstance(inner, ast.Tuple) and index < len(inner.elts):
                return self._annotation_model(inner.elts[index])
        return None

    def _expr_model(self, value: ast.expr, index: int | None = None) -> str | None:
        # Model(...), Model.objects.x(...)…, function(...) -> Model, Model.objects…get()
        node = value
        if isinstance(node, ast.Tuple) and index is not None and index < len(node.elts):
            return self._expr_model(node.elts[index])
        while isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
            if isinstance(node, ast.Call):
                func_node = node.func
                if isinstance(func_node, ast.Name):
                    label = _models_by_name().get(func_node.id)
                    if label:
                        return label
                    return self._function_return_model(func_node.id, index)
                node = func_node
            elif isinstance(node, ast.Attribute):
                node = node.value
            else:
                node = node.value
        if isinstance(node, ast.Name):
            return _models_by_name().get(node.id)
        return None

    def _function_return_model(self, name: str, index: int | None) -> str | None:
        func = self.m.functions.get(name)
        module = self.m
        if func is None and name in self.m.imports:
            source, attr = self.m.imports[name]
            other = _module_for(source)
            if other is not None:
                func, module = other.functions.get(attr), other
        if func is None or func.returns is None:
            return None
        return _Resolver(module, self.site)._annotation_model(func.returns, index)

    # -- the keys of `changes` ----------------------------------------------------------

    def keys(self, node: ast.expr, func: ast.FunctionDef | None, depth: int = 0) -> set[str]:
        if depth > 15:
            self.site.open_keys = True
            return set()
        if isinstance(node, ast.Dict):
            out: set[str] = set()
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    out |= self.keys(value, func, depth + 1)
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    out.add(key.value)
                else:
                    self.site.open_keys = True
            return out
        if isinstance(node, ast.DictComp):
            generator = node.generators[0].iter
            if (
                isinstance(generator, ast.Call)
                and isinstance(generator.func, ast.Attribute)
                and generator.func.attr == "items"
            ):
                return self.keys(generator.func.value, func, depth + 1)
            self.site.open_keys = True
            return set()
        if isinstance(node, ast.IfExp):
            return self.keys(node.body, func, depth + 1) | self.keys(node.orelse, func, depth + 1)
        if isinstance(node, ast.Call):
            callee = node.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            if name == "snapshot" and len(node.args) >= 2:
                return self.strings(node.args[1], func, depth + 1)
            if name == "fromkeys" and node.args:
                return self.strings(node.args[0], func, depth + 1)
            if name == "diff":
                return set().union(*(self.keys(a, func, depth + 1) for a in node.args))
            if isinstance(callee, ast.Name) and callee.id in self.m.functions:
                helper = self.m.functions[callee.id]
                out = set()
                returns = [n.value for n in ast.walk(helper) if isinstance(n, ast.Return)]
                for value in returns:
                    if value is not None:
                        out |= self.keys(value, helper, depth + 1)
                return out
            self.site.open_keys = True
            return set()
        if isinstance(node, ast.Name):
            values = self._assigned(func, node.id)
            out = set()
            for value in values:
                out |= self.keys(value, func, depth + 1)
            out |= self._subscript_keys(func, node.id)
            if not values and self._is_param(func, node.id):
                assert func is not None
                if func.args.kwarg is not None and func.args.kwarg.arg == node.id:
                    self.site.open_keys = True
                for module, arg in self._callers_args(func, node.id):
                    caller = module.enclosing_function(arg)
                    out |= _Resolver(module, self.site).keys(arg, caller, depth + 1)
            elif not values:
                if func is not None and func.args.kwarg is not None:
                    if func.args.kwarg.arg == node.id:
                        self.site.open_keys = True
                        return out
                self.site.open_keys = True
            return out
        self.site.open_keys = True
        return set()

    def _loop_over(self, func: ast.FunctionDef, name: str) -> ast.expr | None:
        for node in ast.walk(func):
            if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
                if node.target.id == name:
                    return node.iter
        return None

    def _subscript_keys(self, func: ast.FunctionDef | None, name: str) -> set[str]:
        """`name["key"] = …`, and `name[k] = …` inside `for k in FIELDS`."""
        if func is None:
            return set()
        out = set()
        for node in ast.walk(func):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == name
                ):
                    key = target.slice
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        out.add(key.value)
                    elif isinstance(key, ast.Name) and (loop := self._loop_over(func, key.id)):
                        out |= self.strings(loop, func)
                    else:
                        self.site.open_keys = True
        return out


def _is_audit_call(node: ast.Call, module: _Module) -> bool:
    """audit.record(…), record(…) imported from core.audit, AuditEvent(…) (for
    bulk_record) and AuditEvent.objects.create(…)."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "record":
        return isinstance(func.value, ast.Name) and func.value.id == "audit"
    if isinstance(func, ast.Name) and func.id == "record":
        return module.imports.get("record", ("", ""))[0].endswith("core.audit")
    if isinstance(func, ast.Name) and func.id == "AuditEvent":
        return True
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "create"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "objects"
        and isinstance(func.value.value, ast.Name)
        and func.value.value.id == "AuditEvent"
    )


def audit_sites() -> list[Site]:
    sites = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "tests" in rel.parts or "migrations" in rel.parts or rel.as_posix() == "core/audit.py":
            continue
        if "record(" not in (text := path.read_text()) and "AuditEvent(" not in text:
            continue
        module = _module(path)
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call) or not _is_audit_call(node, module):
                continue
            site = Site(where=f"{module.rel}:{node.lineno}")
            resolver = _Resolver(module, site)
            func = module.enclosing_function(node)
            kw = {k.arg: k.value for k in node.keywords}
            if "action" in kw:
                site.actions = resolver.strings(kw["action"], func)
            else:
                site.problems.append("no action= keyword")
            if "object_type" in kw:
                models = set(_models_by_name().values())
                types = resolver.strings(kw["object_type"], func)
                if types and not types & models:
                    site.model = ""  # an export or a task: no model behind it
                elif len(types) == 1:
                    site.model = next(iter(types))
            elif "obj" in kw:
                site.model = resolver.model(kw["obj"], func)
            else:
                site.model = ""
            if "changes" in kw:
                site.keys = resolver.keys(kw["changes"], func)
            sites.append(site)
    return sites
