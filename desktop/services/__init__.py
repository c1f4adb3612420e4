"""Application services: plain classes over the repository and the analysis, shared by CLI and UI."""
