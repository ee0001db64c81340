"""The package's layers keep their rules: what each may import, where I/O happens, small modules, no hidden modules."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

import coverage
from tests.conftest import ROOT

PACKAGE = ROOT / "coverage"
STANDARD_LIBRARY = set(sys.stdlib_module_names)
#: The layers each layer may import, besides itself, the standard library and pydantic.
MAY_IMPORT: dict[str, set[str]] = {
    "engine": set(),
    "catalog": {"engine", "fees"},  # fee_schedules.csv is kept beside plans.csv, checked by the fees parser
    "forms": {"engine", "catalog", "eligibility"},  # eligibility_fill puts an imported 271 into the form
    "views": {"engine", "forms", "catalog", "fees"},
    "printouts": {"engine", "forms", "views", "catalog"},
    "fees": {"engine"},  # priced by the engine: pure, but for the CMS file reader
    "rates_import": {"engine", "catalog", "fees"},  # an importer: streams payer files into fee schedules
    "eligibility": {"engine"},  # reads a 271 into the figures the form takes
    "cli": {"engine", "catalog", "forms", "views", "printouts", "fees", "rates_import", "eligibility"},
}
#: Third-party packages each layer may use beyond pydantic (the vectorised catalog engine uses arrays).
THIRD_PARTY: dict[str, set[str]] = {
    "engine": set(),
    "catalog": {"filelock"},
    "forms": set(),
    "views": {"pandas"},
    "printouts": {"fpdf", "fontTools"},  # fontTools (fpdf2's own font reader) says which characters a font has
    "fees": set(),
    "rates_import": {"ijson", "distributed"},  # its writes lock through the catalog's store
    "eligibility": set(),
    "cli": {"pandas"},
}
VECTORISED_ENGINE = {"plan_table.py", "catalog_projection.py", "catalog_amounts.py", "plan_ranking.py"}
#: The only modules that read or write files.
DOES_IO = {
    "catalog/store.py",
    "catalog/durable_files.py",  # the store's durable writes
    "catalog/fee_schedule_store.py",  # reads fee_schedules.csv; saves it through the store
    "catalog/loader.py",
    "catalog/clinic.py",
    "catalog/cms_import/puf_files.py",
    "catalog/cms_import/__init__.py",
    "printouts/pdf_document.py",  # reads its shipped fonts
    "fees/pfs_files.py",  # reads CMS's fee schedule files and the shipped copies
    "eligibility/importer.py",  # reads a 271 file for the command line
    "printouts/typefaces.py",  # finds and reads the installed fallback fonts
}
#: Whole packages that are importers or entry points, and so read and write files.
IO_PACKAGES = ("cli/", "rates_import/")
IO_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "replace", "unlink", "mkdir", "fsync"}
MAX_LINES = 260  # "about 250"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _layer(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_each_layer_imports_only_the_layers_and_packages_its_rule_allows() -> None:
    """The engine imports nothing of ours but itself; catalog the engine; and so on up to the command line."""
    offenders = []
    for path in _modules():
        layer = _layer(path)
        if layer is None:
            continue
        third_party = THIRD_PARTY[layer] | ({"numpy", "pandas"} if path.name in VECTORISED_ENGINE else set())
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "coverage":
                inner = name.split(".")[1] if "." in name else None
                if inner is not None and inner != layer and inner not in MAY_IMPORT[layer]:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
            elif top not in STANDARD_LIBRARY and top not in {"pydantic", *third_party}:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")

    assert offenders == []


def test_only_the_store_the_loaders_the_importers_and_the_command_line_touch_files() -> None:
    """No module outside the I/O list opens, writes, replaces or removes a file."""
    offenders = []
    for path in _modules():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in DOES_IO or relative.startswith(IO_PACKAGES):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                is_os_replace = isinstance(func, ast.Attribute) and ast.unparse(func.value) == "os"
                if name in IO_CALLS - {"replace"} or (name == "replace" and is_os_replace):  # not date.replace()
                    offenders.append(f"{relative}:{node.lineno} calls {name}")

    assert offenders == []


def test_every_submodule_imports_as_a_module_and_none_is_named_like_a_public_function() -> None:
    """Every name under coverage/ imports as a module; no module shares a name with the public API."""
    public = set(coverage.__all__)
    found = []
    for info in pkgutil.walk_packages(coverage.__path__, prefix="coverage."):
        module = importlib.import_module(info.name)
        found.append(info.name)
        assert isinstance(module, ModuleType), info.name
        assert info.name.rsplit(".", 1)[-1] not in public, f"{info.name} hides a public name"

    assert "coverage.engine.course_estimate" in found


def test_the_package_has_few_top_level_modules_and_no_module_is_long() -> None:
    """At most about a dozen modules at coverage/'s top; no module of the package or the app over ~250 lines."""
    top_level = list(PACKAGE.glob("*.py"))
    long_ones = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in [*_modules(), *(ROOT / "app_pages").rglob("*.py"), ROOT / "streamlit_app.py"]
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]

    assert len(top_level) <= 12
    assert long_ones == []
