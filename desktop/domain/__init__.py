"""Value types shared by every layer (standard library only)."""
