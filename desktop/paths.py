"""Where the app's files live: bundled resources and the user's data directory.

``BRIEFDESK_REFERENCE`` points at another reference DB (tests, data-pack previews);
``BRIEFDESK_HOME`` replaces the user data directory (tests always set it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def reference_db_path() -> Path:
    override = os.environ.get("BRIEFDESK_REFERENCE")
    return Path(override) if override else resources_dir() / "reference.sqlite"


def user_data_dir() -> Path:
    override = os.environ.get("BRIEFDESK_HOME")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("briefdesk", appauthor=False))
