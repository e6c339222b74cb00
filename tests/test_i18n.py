"""The English catalogue (resources/i18n/en.json) covers every Indonesian UI string.

Strings are found with the `ast` module: every `tr("...")` call with a literal first
argument under kotacerdas_desktop/, plus the strings that reach `tr()` indirectly
(framework template names/descriptions, bimtek stage outputs, wizard steps, worksheet fields and check labels,
table column headers, the letterhead form labels, the people-import outcomes and
actions and the import field labels).
"""
from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kotacerdas_desktop"
CATALOGUE = ROOT / "resources" / "i18n" / "en.json"


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _str_const(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def tr_literals() -> dict[str, str]:
    """Every literal passed as first argument to tr(...), with where it was first seen."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(_parse(path)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args):
                text = _str_const(node.args[0])
                if text is not None:
                    found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _class_attr_strings(path: Path, attrs: set[str], class_name: str | None = None,
                        pick=None) -> dict[str, str]:
    """String literals of tuple/list class attributes named in `attrs`.

    `pick` maps each element node to the string node to take (default: the element).
    """
    found: dict[str, str] = {}
    for cls in ast.walk(_parse(path)):
        if isinstance(cls, ast.ClassDef) and (not class_name or cls.name == class_name):
            for text, name in _assigned_strings(cls.body, attrs, pick):
                found.setdefault(text, f"{path.relative_to(ROOT)}:{cls.name}.{name}")
    return found


def _second(elt: ast.AST) -> ast.AST | None:
    if isinstance(elt, (ast.Tuple, ast.List)) and len(elt.elts) >= 2:
        return elt.elts[1]
    return None


def _label(elt: ast.AST) -> ast.AST | None:
    """A column is either a plain label or a (key, label) pair."""
    return _second(elt) if isinstance(elt, (ast.Tuple, ast.List)) else elt


def _module_attr_strings(path: Path, attrs: set[str], pick=None) -> dict[str, str]:
    """String literals of module-level tuple/list constants named in `attrs`."""
    found: dict[str, str] = {}
    for text, name in _assigned_strings(_parse(path).body, attrs, pick):
        found.setdefault(text, f"{path.relative_to(ROOT)}:{name}")
    return found


def _assigned_strings(body: list[ast.stmt], attrs: set[str], pick=None):
    """(text, name) for string elements of tuple/list assignments to a name in `attrs`."""
    for stmt in body:
        if isinstance(stmt, ast.Assign):
            names = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
            value = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            names, value = [stmt.target.id], stmt.value
        else:
            continue
        if not attrs.intersection(names) or not isinstance(value, (ast.Tuple, ast.List)):
            continue
        for elt in value.elts:
            node = pick(elt) if pick else elt
            text = _str_const(node) if node is not None else None
            if text is not None:
                yield text, names[0]


def indirect_strings() -> dict[str, str]:
    """Strings that are translated at runtime through tr(variable)."""
    from kotacerdas_desktop.domain.bimtek import STAGE_OUTPUT
    from kotacerdas_desktop.domain.frameworks import TEMPLATES
    from kotacerdas_desktop.domain.people_import import FIELDS
    from kotacerdas_desktop.domain.commitment import COMMITMENT_ROLES
    from kotacerdas_desktop.services.attendance import ACTIONS as AUDIT_ACTIONS
    from kotacerdas_desktop.services.people_import import ACTIONS, OUTCOMES

    found: dict[str, str] = {}
    for kind, t in TEMPLATES.items():
        found.setdefault(t.name, f"frameworks.TEMPLATES[{kind!r}].name")
        found.setdefault(t.description, f"frameworks.TEMPLATES[{kind!r}].description")
    for stage, text in STAGE_OUTPUT.items():
        found.setdefault(text, f"bimtek.STAGE_OUTPUT[{stage}]")
    # import dialog: tr(OUTCOMES[...]), tr(ACTIONS[...]) and tr(field_label) for FIELDS
    for name, table in (("people_import.OUTCOMES", OUTCOMES), ("people_import.ACTIONS", ACTIONS),
                        ("people_import.FIELDS", FIELDS), ("attendance.ACTIONS", AUDIT_ACTIONS),
                        ("commitment.COMMITMENT_ROLES", COMMITMENT_ROLES)):
        for code, text in table.items():
            found.setdefault(text, f"{name}[{code!r}]")

    # the wizard: steps, sections, worksheet kinds and fields, readiness elements, check labels
    from kotacerdas_desktop.domain import wizard
    from kotacerdas_desktop.domain.worksheets import KINDS, READINESS_ELEMENTS
    for stage in wizard.STAGES_WITH_STEPS:
        for st in wizard.steps_for(stage):
            for text in (st.title, st.prompt, st.produces, *(sec.title for sec in st.sections)):
                found.setdefault(text, f"wizard.steps_for({stage})[{st.key!r}]")
    for k in KINDS.values():
        found.setdefault(k.label, f"worksheets.KINDS[{k.key!r}]")
        for f in k.fields:
            for text in (f.label, f.hint, *(label for _, label in f.choices)):
                if text:
                    found.setdefault(text, f"worksheets.KINDS[{k.key!r}].{f.key}")
    for _key, label, subs in READINESS_ELEMENTS:
        found.setdefault(label, "worksheets.READINESS_ELEMENTS")
        for _sub, sub_label in subs:
            found.setdefault(sub_label, "worksheets.READINESS_ELEMENTS")
    for node in ast.walk(_parse(PACKAGE / "domain" / "wizard.py")):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("Check", "_share", "_at_least") and node.args):
            text = _str_const(node.args[0])
            if text is not None:
                found.setdefault(text, f"wizard.py:{node.lineno}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_still_missing":
            for arg in node.args:
                if isinstance(arg, ast.Tuple) and arg.elts and _str_const(arg.elts[0]):
                    found.setdefault(_str_const(arg.elts[0]), f"wizard.py:{node.lineno}")
    found.setdefault("belum ada", "wizard check detail")
    # the Reports area: document titles, descriptions, variants and formats via tr(...)
    from kotacerdas_desktop.services.reports import DOCUMENTS, FORMATS
    for doc in DOCUMENTS.values():
        for text in (doc.title, doc.description, *(label for _, label in doc.variants)):
            found.setdefault(text, f"reports.DOCUMENTS[{doc.key!r}]")
    for key, text in FORMATS.items():
        found.setdefault(text, f"reports.FORMATS[{key!r}]")
    from kotacerdas_desktop.ui.dialogs.conflict_dialog import FIELD_LABELS
    for key, text in FIELD_LABELS.items():
        found.setdefault(text, f"conflict_dialog.FIELD_LABELS[{key!r}]")

    # table headers: class attributes (PeopleTableModel.COLUMNS) and module constants
    # (import_dialog.COLUMNS, pairs of (key, label)), all shown through tr(label)
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        for text, where in _class_attr_strings(path, {"COLUMNS", "HEADERS"}, pick=_label).items():
            found.setdefault(text, where)
        for text, where in _module_attr_strings(path, {"COLUMNS", "HEADERS"}, pick=_label).items():
            found.setdefault(text, where)
    region_settings = PACKAGE / "ui" / "pages" / "region_settings.py"
    for text, where in _class_attr_strings(region_settings, {"FIELDS"}, "KopTab", _second).items():
        found.setdefault(text, where)
    return found


def all_strings() -> dict[str, str]:
    found = tr_literals()
    for text, where in indirect_strings().items():
        found.setdefault(text, where)
    return found


def format_fields(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text)
            if field is not None}


@pytest.fixture(scope="module")
def catalogue() -> dict[str, str]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_scan_finds_strings():
    assert len(tr_literals()) > 50
    indirect = indirect_strings()
    assert "Buku I Analisis Strategis" in indirect
    assert "Kerangka sendiri" in indirect
    assert "Nama wilayah" in indirect
    assert "Setiap misi punya tujuan" in indirect
    assert "Kesenjangan (gap)" in indirect
    assert "10 tahun" in indirect
    assert indirect.get("duplikat dalam berkas", "").startswith("people_import.OUTCOMES")
    assert indirect.get("bermasalah, tidak diimpor", "").startswith("people_import.ACTIONS")
    assert indirect.get("(abaikan)", "").startswith("people_import.FIELDS")
    assert indirect.get("Masalah / perubahan", "").endswith("import_dialog.py:COLUMNS")
    people_model = PACKAGE / "ui" / "models" / "people.py"
    assert "Kategori" in _class_attr_strings(people_model, {"COLUMNS"}, pick=_label)
    assert "Kategori" in indirect


def test_every_string_has_english(catalogue):
    missing = {text: where for text, where in all_strings().items()
               if not isinstance(catalogue.get(text), str) or not catalogue[text].strip()}
    assert not missing, "missing English for:\n" + "\n".join(
        f"  {where}: {text!r}" for text, where in sorted(missing.items(), key=lambda kv: kv[1]))


def test_format_fields_match(catalogue):
    wrong = [f"  {key!r}: {sorted(format_fields(key))} vs {value!r}: {sorted(format_fields(value))}"
             for key, value in catalogue.items() if format_fields(key) != format_fields(value)]
    assert not wrong, "format fields differ:\n" + "\n".join(wrong)


def test_no_stale_entries(catalogue):
    known = all_strings()
    stale = sorted(set(catalogue) - set(known))
    assert not stale, "en.json entries no longer used:\n" + "\n".join(f"  {s!r}" for s in stale)


def test_catalogue_is_sorted(catalogue):
    assert list(catalogue) == sorted(catalogue)


def test_english_lookup_and_format():
    from kotacerdas_desktop.i18n import language, set_language, tr

    try:
        set_language("en")
        assert language() == "en"
        assert tr("Wilayah") != "Wilayah"
        assert tr("Wilayah") == "Regions"
        assert tr("{n} OPD", n=3) == "3 OPDs"
        assert tr("Cadangan gagal: {why}", why="disk full") == "Backup failed: disk full"
        assert tr("teks yang tidak ada di katalog") == "teks yang tidak ada di katalog"
    finally:
        set_language("id")
    assert language() == "id"
    assert tr("Wilayah") == "Wilayah"
    assert tr("{n} OPD", n=3) == "3 OPD"
