"""Search benchmarks (`make bench`, or `python -m tests.bench`); not part of the test suite.

See tests/bench/README.md for what is measured and how to choose sizes.
"""
