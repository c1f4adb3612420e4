"""The user's memo library: storage, one-way migrations, versions, backups and search.

It holds what the user writes; it knows nothing of data blocks or of the reference data.
"""
