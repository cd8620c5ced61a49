"""The package's layout: no import cycles between its modules (imports inside functions
and ``from package import module``, which runs the package's ``__init__``, count too), no
module importing another's private names, and no folder of more than about a dozen
modules."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import quoteattr

ROOT = Path(quoteattr.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[tuple[str, str]]:
    """``(module, name)`` for each ``from X import name`` of quoteattr's own modules in
    ``path`` (``name`` empty for a submodule imported as such)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""])
            else:
                base = node.module or ""
            base = base.rstrip(".")
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    found.add((f"{base}.{alias.name}", ""))
                if base in modules:  # the package's __init__ runs too
                    found.add((base, alias.name))
        elif isinstance(node, ast.Import):
            found |= {(alias.name, "") for alias in node.names if alias.name in modules}
    return found


def graph() -> dict[str, set[tuple[str, str]]]:
    paths = {module_name(p): p for p in ROOT.rglob("*.py")}
    return {name: imports(path, set(paths)) for name, path in paths.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    edges = {m: {target for target, _ in targets if target != m} for m, targets in graph().items()}
    assert cycles(edges) == []


def test_the_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_another_modules_private_names():
    private = [
        (m, target, name)
        for m, targets in graph().items()
        for target, name in targets
        if name.startswith("_") and not name.startswith("__") and target != m
    ]
    assert private == []


def test_no_folder_holds_more_than_a_dozen_modules():
    per_folder = Counter(p.parent.name for p in ROOT.rglob("*.py"))
    assert max(per_folder.values()) <= 12, per_folder.most_common(3)
