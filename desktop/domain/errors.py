"""The one kind of error a user is shown as it is: a sentence saying what was asked that cannot
be done. The CLI prints it and exits with status 2; the window puts it in the status bar or a
message box. Anything else that escapes is a bug, reported as one."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused request, said in one sentence for the person who made it."""


class UnknownEntity(UserError, LookupError):
    """No country, mineral, initiative, event or group has that id."""
