"""The site's WSGI application with an X-Bench-Queries header: the SQL queries the request made.

Used by the page bench only (bench/http_pages.py copies this file next to the measured
checkout, so the same counting runs on a baseline git ref). Every database alias of the
thread is counted, from the first middleware to the response's headers.
"""

from django.core.wsgi import get_wsgi_application
from django.db import connections

_site = get_wsgi_application()


def application(environ, start_response):
    """Serve the request; add the number of queries it ran to the response headers."""
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    wrappers = [connections[alias].execute_wrapper(counter) for alias in connections]
    for wrapper in wrappers:
        wrapper.__enter__()

    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Bench-Queries", str(count[0]))], exc_info)

    try:
        return _site(environ, start)
    finally:
        for wrapper in reversed(wrappers):
            wrapper.__exit__(None, None, None)
