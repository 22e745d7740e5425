"""Load and fault test of the wiki under gunicorn (`make loadtest`; loopback only, bounded in time).

See README.md ("Load test") and `python -m loadtest --help`.
"""
