"""The per-process memo in front of Django's cache: expiry, bound, forgetting."""

from sinergi.core import memo as memo_mod
from sinergi.core.memo import Memo, clear_all


def test_a_value_lives_for_its_seconds_then_is_gone(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(memo_mod.time, "monotonic", lambda: now[0])
    m = Memo(seconds=5)
    m.set("k", ("35.19", "WIB"))
    assert m.get("k") == ("35.19", "WIB")
    now[0] += 4.9
    assert m.get("k") == ("35.19", "WIB")
    now[0] += 0.2
    assert m.get("k") is None
    assert m.get("k", "default") == "default"


def test_falsy_values_are_kept_and_forget_drops_one_key():
    m = Memo(seconds=60)
    m.set("nol", 0)
    m.set("lain", 1)
    assert m.get("nol") == 0  # 0 ("no stage that day") is an answer, not a miss
    m.forget("nol")
    assert m.get("nol") is None and m.get("lain") == 1


def test_it_never_holds_more_than_its_bound():
    m = Memo(seconds=60, max_entries=3)
    for i in range(3):
        m.set(i, i)
    assert [m.get(i) for i in range(3)] == [0, 1, 2]
    m.set(3, 3)  # full: starts over with just the new entry
    assert [m.get(i) for i in range(4)] == [None, None, None, 3]


def test_clear_all_empties_every_memo_of_the_process():
    a, b = Memo(), Memo()
    a.set("x", 1)
    b.set("y", 2)
    clear_all()
    assert a.get("x") is None and b.get("y") is None
