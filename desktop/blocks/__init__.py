"""The data-block language of memos: one registry of kinds, finding blocks in a memo,
resolving them against the reference data, staleness, and recognising names in prose."""
