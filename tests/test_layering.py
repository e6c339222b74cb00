"""Layers: only the UI (ui/, app.py, __main__'s GUI path) may touch Qt; the domain
is pure and knows nothing of storage, services or SQLAlchemy."""
from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "kotacerdas_desktop"
QT_MODULES = ("PySide6", "shiboken6", "qtawesome", "qtpy")
UI_ONLY = {PKG / "app.py", PKG / "__main__.py"}
QT_IMPORT_LINE = re.compile(r"^\s*(?:import|from)\s+(?:%s)\b" % "|".join(QT_MODULES), re.MULTILINE)


def _fresh(code: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


_IMPORT_ALL_BUT_UI = """
import importlib, json, pkgutil, sys
import kotacerdas_desktop
imported = []
for name in ["kotacerdas_desktop.cli", "kotacerdas_desktop.paths", "kotacerdas_desktop.settings",
             "kotacerdas_desktop.i18n"]:
    importlib.import_module(name); imported.append(name)
for pkg in ["domain", "storage", "services", "reports", "sync"]:
    mod = importlib.import_module("kotacerdas_desktop." + pkg)
    imported.append(mod.__name__)
    for info in pkgutil.walk_packages(mod.__path__, mod.__name__ + "."):
        importlib.import_module(info.name); imported.append(info.name)
print(json.dumps({"imported": imported, "modules": sorted(sys.modules)}))
"""


def test_non_ui_modules_do_not_load_qt():
    result = _fresh(_IMPORT_ALL_BUT_UI)
    imported = set(result["imported"])
    for expected in ("kotacerdas_desktop.domain.people", "kotacerdas_desktop.storage.history",
                     "kotacerdas_desktop.storage.store", "kotacerdas_desktop.services.regions",
                     "kotacerdas_desktop.cli", "kotacerdas_desktop.sync"):
        assert expected in imported
    loaded = [m for m in result["modules"] if m.split(".")[0] in QT_MODULES]
    assert loaded == [], f"Qt loaded by a non-UI module: {loaded}"
    assert not any(m.startswith("kotacerdas_desktop.ui") for m in result["modules"])


def _imports(path: Path) -> set[str]:
    """Every module name a file imports, at any depth (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            found.add(str(node.args[0].value))
    return found


def test_no_qt_import_outside_the_ui():
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        if (PKG / "ui") in path.parents or path in UI_ONLY:
            continue
        text = path.read_text(encoding="utf-8")
        hits = [m for m in _imports(path) if m.split(".")[0] in QT_MODULES]
        if hits or QT_IMPORT_LINE.search(text):
            offenders.append(f"{path.relative_to(ROOT)}: {hits}")
    assert offenders == []


def test_the_scan_sees_qt_where_it_is():
    """Guard against a scan that finds nothing: app.py does import PySide6."""
    assert any(m.startswith("PySide6") for m in _imports(PKG / "app.py"))
    assert QT_IMPORT_LINE.search((PKG / "app.py").read_text(encoding="utf-8"))
    assert QT_IMPORT_LINE.search("def f():\n    from PySide6.QtGui import QImage\n")
    assert not QT_IMPORT_LINE.search("# pakai PySide6 hanya di ui/\n")


def test_domain_is_pure():
    forbidden = ("kotacerdas_desktop.storage", "kotacerdas_desktop.services", "kotacerdas_desktop.ui",
                 "sqlalchemy", *QT_MODULES)
    for path in sorted((PKG / "domain").rglob("*.py")):
        bad = [m for m in _imports(path) if m.startswith(forbidden)]
        assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"

    result = _fresh("""
import importlib, json, pkgutil, sys
import kotacerdas_desktop.domain as d
for info in pkgutil.walk_packages(d.__path__, d.__name__ + "."):
    importlib.import_module(info.name)
print(json.dumps({"modules": sorted(sys.modules)}))
""")
    loaded = [m for m in result["modules"] if m.startswith(forbidden)]
    assert loaded == []
    assert "kotacerdas_desktop.domain.people" in result["modules"]
