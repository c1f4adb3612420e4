"""Memos: the memo library, data blocks and their markup."""
