"""Importers that turn official publications into the curated tables under ``db/sources/``."""
