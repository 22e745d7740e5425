"""Two app servers on one PostgreSQL, one Redis and one task queue, checked over HTTP (`make test-scaleout`)."""
