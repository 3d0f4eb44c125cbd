"""How much demo content `load_demo_data` creates: the whole set (`make run`, the default) or the
small set (`--small`), which still shows every kind of page and URL but costs a fraction of the time:
the crawl of #17 (tests/test_crawl.py) loads it on PostgreSQL and on SQLite in every `make test`.

A loader that has nothing to leave out ignores this; one that does asks `is_small()`.
"""

import contextlib
import contextvars

_small = contextvars.ContextVar("small_demo", default=False)


def is_small():
    """True while `load_demo_data --small` runs."""
    return _small.get()


@contextlib.contextmanager
def small_demo(on=True):
    """Within the block, loaders create the small demo set (when `on`)."""
    token = _small.set(on)
    try:
        yield
    finally:
        _small.reset(token)
