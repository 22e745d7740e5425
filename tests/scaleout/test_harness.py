"""The pieces of `make test-scaleout` (scaleout/) that can be checked without its servers."""

import pytest

from editing import pow
from scaleout.cluster import Cluster
from scaleout.visitors import solve


def test_the_harness_solves_challenges_as_the_server_checks_them():
    challenge = pow.issue("42")
    assert pow.verify(challenge, solve(challenge), "42")
    assert not pow.verify(challenge, solve(challenge), "42")  # spent: what a replay on the other server meets


def test_the_cluster_needs_its_services(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6391/0")
    with pytest.raises(SystemExit, match="DATABASE_URL"):
        Cluster(ports=(8640, 8641))


def test_both_servers_share_database_cache_search_and_secret(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://wiki@127.0.0.1:5447/wiki")
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6391/0")
    cluster = Cluster(ports=(8640, 8641))
    try:
        shared = ("DATABASE_URL", "CACHE_URL", "SEARCH_URL", "SECRET_KEY")
        assert [cluster.a.env[k] for k in shared] == [cluster.b.env[k] for k in shared]
        assert cluster.a.env["SEARCH_URL"] == "database://"
        assert (cluster.a.env["PORT"], cluster.b.env["PORT"]) == ("8640", "8641")
        assert cluster.a.data_dir != cluster.b.data_dir
    finally:
        cluster.remove()
