"""Everything that makes the reference database: curated sources, importers and the build.

Nothing here is imported by the running app; the app reads only the built SQLite file.
"""
