"""`kotacerdas-cli people ...` on real files, as a facilitator would run it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from workbooks import messy_workbook  # noqa: E402


def cli(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kotacerdas_desktop", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def data(tmp_path):
    d = tmp_path / "data"
    assert cli("--data-dir", str(d), "region", "create", "Sawahlunto", "--kind", "kota").returncode == 0
    return d


def test_dry_run_json_then_import_then_again(data, tmp_path):
    book = messy_workbook(tmp_path / "undangan.xlsx")
    out = cli("--data-dir", str(data), "--json", "people", "import", str(book), "--region", "Kota Sawahlunto",
              "--dry-run")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert plan["header_row"] == 5 and plan["dry_run"] is True
    # the new region has no OPDs yet: every row names an unknown OPD
    assert plan["counts"] == {"new": 0, "same": 0, "update": 0, "problem": 8, "duplicate": 1}
    assert len(plan["unknown_opds"]) == 5
    assert "result" not in plan
    assert any(r["line"] == 11 and "Excel" in " ".join(r["problems"]) for r in plan["rows"])
    assert {s["kind"] for s in plan["skipped"]} >= {"title", "section", "signature"}
    listed = cli("--data-dir", str(data), "people", "list", "--region", "sawahlunto")
    assert "Tidak ada orang" in listed.stdout

    out = cli("--data-dir", str(data), "people", "import", str(book), "--region", "sawahlunto", "--create-opds")
    assert out.returncode == 0, out.stderr
    assert "Hasil:" in out.stdout and "OPD baru:" in out.stdout
    again = json.loads(cli("--data-dir", str(data), "--json", "people", "import", str(book),
                           "--region", "sawahlunto").stdout)
    assert again["result"]["counts"]["added"] == 0 and again["result"]["counts"]["added_flagged"] == 0


def test_list_search_and_export_round_trip(data, tmp_path):
    book = messy_workbook(tmp_path / "undangan.xlsx")
    cli("--data-dir", str(data), "people", "import", str(book), "--region", "Sawahlunto")
    out = cli("--data-dir", str(data), "people", "list", "--region", "Sawahlunto", "--search", "AHMAD fauzi, m.si")
    assert out.returncode == 0 and "Ahmad Fauzi" in out.stdout and "1 orang" in out.stdout
    rows = json.loads(cli("--data-dir", str(data), "--json", "people", "list", "--region", "Sawahlunto").stdout)
    region_id = json.loads(cli("--data-dir", str(data), "--json", "region", "list").stdout)[0]["id"]
    target = tmp_path / "ekspor.xlsx"
    out = cli("--data-dir", str(data), "people", "export", str(target), "--region", region_id)
    assert out.returncode == 0 and target.exists()
    back = json.loads(cli("--data-dir", str(data), "--json", "people", "import", str(target),
                          "--region", region_id, "--dry-run").stdout)
    assert back["counts"]["same"] == len(rows)
    assert back["counts"]["new"] == back["counts"]["update"] == back["counts"]["duplicate"] == 0


@pytest.mark.parametrize("args, message", [
    (["people", "import", "/nonexistent/undangan.xlsx", "--region", "Sawahlunto"], "tidak"),
    (["people", "list", "--region", "Atlantis"], "tidak ditemukan"),
    (["people", "export", "out.pdf", "--region", "Sawahlunto"], ".xlsx atau .csv"),
    (["people", "import", "x.xlsx"], "--region"),
])
def test_errors_are_one_line(data, tmp_path, args, message):
    out = cli("--data-dir", str(data), *args)
    assert out.returncode in (1, 2)
    assert message in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
