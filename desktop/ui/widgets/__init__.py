"""Reusable widgets: tables that copy and export, charts."""
