"""A memo that lives for one request, for helpers that get no request object.

A person's membership of a group, asked by the page, its discussions and its rights, is computed
once per request; outside requests (shell, tasks, tests calling models directly) it is computed
every time. The memo is per thread/task (asgiref's Local) and starts and ends with Django's
request signals (CoreConfig.ready connects them).
"""

from asgiref.local import Local

_request_state = Local()


def request_memo(key, compute):
    """`compute()` once per request (see the module's docstring).

    Whoever writes what a memoised value depends on calls `forget_request_memo()`
    (a signal handler on the model is enough), so a request sees its own writes.
    """
    store = getattr(_request_state, "memo", None)
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def remember(key, value):
    """Put a value computed along with another into the request memo (see `request_memo`)."""
    store = getattr(_request_state, "memo", None)
    if store is not None:
        store[key] = value


def forget_request_memo(**kwargs):
    """Drop every value of the current request's memo (connect it to the writes they depend on)."""
    if getattr(_request_state, "memo", None) is not None:
        _request_state.memo = {}


def request_started(**kwargs):
    """A new request starts with an empty memo (connected to `django.core.signals.request_started`)."""
    _request_state.memo = {}


def request_finished(**kwargs):
    """Outside requests nothing is memoised (connected to `django.core.signals.request_finished`)."""
    _request_state.memo = None
