"""USB sync: plain Python over bytes and dataclasses (no Qt, no SQLAlchemy).

- `keys`: the device key pair, fingerprints, signing, encryption to the office.
- `bundle`: the .kcbundle file, written and read strictly (`write_bundle`, `read_bundle`).
- `usb`: removable drives, atomic verified writes to a stick, FAT32-safe names.
- `merge`: the merge engine over record versions.

Submodules are imported by name (`from kotacerdas_desktop.sync.bundle import ...`) so
that importing this package loads nothing heavy.
"""
