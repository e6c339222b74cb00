"""Errors services raise; their text is plain Indonesian for the user."""
from __future__ import annotations

from ..domain.errors import UserError, ValidationError


class ServiceError(UserError, RuntimeError):
    pass


class NotFound(ServiceError):
    pass


__all__ = ["ServiceError", "NotFound", "UserError", "ValidationError"]
