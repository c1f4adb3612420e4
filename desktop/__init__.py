"""Minerals Briefing Desk: an offline desktop app over a sourced database of critical minerals."""

__version__ = "0.1.0"
