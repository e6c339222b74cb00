"""Use cases: the only API that the UI and the CLI call. Each call is one transaction.

`Services` lives in services/bundle.py and is loaded on first use, so that
importing `services.errors` (as the window does before its first paint) does not
pull in SQLAlchemy.
"""
from __future__ import annotations


def __getattr__(name: str):
    if name == "Services":
        from .bundle import Services

        return Services
    raise AttributeError(name)
