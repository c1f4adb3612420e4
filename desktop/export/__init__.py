"""Turning data into documents: tables as CSV and Markdown (PDF memos arrive with the export issue)."""
