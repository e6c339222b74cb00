# Build the Windows installer of Kota Cerdas Desktop.
#
#   powershell -ExecutionPolicy Bypass -File build\build_windows.ps1
#
# Needs: Python 3.11+ (py launcher or python on PATH) and Inno Setup 6 (ISCC.exe).
# Steps: venv + PyInstaller (installer.spec) -> dist\kotacerdas\ (kotacerdas.exe windowed,
# kotacerdas-cli.exe console) -> the frozen app's --self-test -> Inno Setup
# (build\kotacerdas.iss) -> dist\KotaCerdas-<version>-setup.exe (per-user, no admin).
#
# UNTESTED: written and reviewed on Linux only; no Windows machine was available.
# The Linux build (build/build_linux.sh) is the tested one.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not (Test-Path .venv\Scripts\python.exe)) { py -3 -m venv .venv }
$py = ".venv\Scripts\python.exe"
& $py -m pip install -q --upgrade pip
& $py -m pip install -q -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $py -m PyInstaller --noconfirm --clean --workpath build\work --distpath dist installer.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The one version: kotacerdas_desktop\__init__.py.
$version = (& $py -c "import kotacerdas_desktop; print(kotacerdas_desktop.__version__)").Trim()

# The console executable prints; the windowed one has no console to print to.
& dist\kotacerdas\kotacerdas-cli.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "the frozen app failed its self-test" }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isinfo.php" }
& $iscc "/DAppVersion=$version" build\kotacerdas.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "build_windows: dist\KotaCerdas-$version-setup.exe"
