"""Read-only access to the bundled reference database: queries, lookup and validation.

All SQL of the reference DB lives in this package; callers receive domain objects.
"""
