"""Errors whose text is meant for the user (plain Indonesian), shared by every layer."""
from __future__ import annotations


class UserError(Exception):
    """Something the user can act on; `str(e)` is shown as is. The UI and CLI catch this."""


class ValidationError(UserError, ValueError):
    """Invalid user input; the message names the field."""
