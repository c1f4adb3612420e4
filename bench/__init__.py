"""Benchmarks behind ``make bench``: they measure and print; tests assert behaviour elsewhere."""
