"""Errors services raise; their text is plain Indonesian for the user."""
from __future__ import annotations

from ..domain.people import ValidationError


class ServiceError(RuntimeError):
    pass


class NotFound(ServiceError):
    pass


__all__ = ["ServiceError", "NotFound", "ValidationError"]
