"""Versions read once per request and together (home.versions.request_current), and values kept in the
process while their version stays the same (per_process)."""

from core.request_memo import request_finished, request_started
from home import versions


def test_a_request_reads_every_version_it_asks_for_in_one_round_trip(monkeypatch):
    versions.request_current("test-a"), versions.request_current("test-b")  # names this process asks for
    reads = []
    current = versions.current
    monkeypatch.setattr(versions, "current", lambda *names: reads.append(names) or current(*names))
    request_started()
    try:
        asked = versions.request_current("test-b"), versions.request_current("test-a"), versions.request_current("test-b")
    finally:
        request_finished()
    assert len(reads) == 1 and {"test-a", "test-b"} <= set(reads[0])
    assert asked == (*current("test-b", "test-a"), current("test-b")[0])
    # Outside a request each call reads afresh.
    versions.request_current("test-a")
    assert len(reads) == 2


def test_a_value_is_kept_in_the_process_until_its_version_is_bumped():
    computed = []

    def compute():
        computed.append(len(computed) + 1)
        return computed[-1]

    assert versions.per_process("test-kept", compute) == 1
    assert versions.per_process("test-kept", compute) == 1
    versions.bump("test-kept")
    assert versions.per_process("test-kept", compute) == 2
    assert computed == [1, 2]


def test_nothing_is_kept_while_the_shared_cache_is_unreachable(monkeypatch):
    # A version of 0: the cache could not be read, so nothing would tell when a kept value is stale.
    monkeypatch.setattr(versions, "current", lambda *names: tuple(0 for _name in names))
    computed = []
    for _round in range(2):
        versions.per_process("test-unreachable", lambda: computed.append(1))
    assert computed == [1, 1]
