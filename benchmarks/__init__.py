"""Development-only tools: synthetic data for tests and `make bench`, and the baseline pages it measures against.

Installed only when BENCHMARK is on (and in the tests); production settings leave it out.
"""
