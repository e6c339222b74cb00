; Inno Setup script: per-user installer of the PyInstaller folder dist\kotacerdas\.
; Built by build\build_windows.ps1, which passes the version:  ISCC /DAppVersion=0.1.0 build\kotacerdas.iss
; UNTESTED (no Windows machine was available); see build\build_windows.ps1.
#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (build\build_windows.ps1 does)
#endif

[Setup]
AppId={{6B7E2B53-3D0A-4C54-9A51-4B2B6C0F7A11}
AppName=Kota Cerdas Desktop
AppVersion={#AppVersion}
AppVerName=Kota Cerdas Desktop {#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=Kota Cerdas
; Per user, no administrator rights.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\KotaCerdas
DefaultGroupName=Kota Cerdas Desktop
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=KotaCerdas-{#AppVersion}-setup
SetupIconFile=work\icons\kotacerdas.ico
UninstallDisplayIcon={app}\kotacerdas.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole one-folder app; the user's data lives elsewhere and is never touched.
Source: "..\dist\kotacerdas\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the program files completely (no stale libraries from an older version).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\Kota Cerdas Desktop"; Filename: "{app}\kotacerdas.exe"
Name: "{userdesktop}\Kota Cerdas Desktop"; Filename: "{app}\kotacerdas.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\kotacerdas.exe"; Description: "{cm:LaunchProgram,Kota Cerdas Desktop}"; Flags: nowait postinstall skipifsilent
