"""The crawler behind tests/test_crawl.py: follows a site's links, fills its GET forms with hostile
values, and maps every request to the URL pattern of the project's resolver that answered it.

Kept apart from the test so that the rules (what is followed, how many URLs per pattern, which
values are hostile) read in one place and the test reads as the promise it checks.
"""

import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# Values a visitor can type or forge into any query parameter (#17: each once a 500 somewhere).
HOSTILE_VALUES = {
    "nul": "abc\x00def",
    "quotes": "'\"`; <script>alert(1)</script>",
    "bidi": "\u202egnp.exe\u2066x\u2069",
    "unicode-digits": "²²²²",
    "arabic-digits": "١٢٣٤",
    "huge": "99999999999999999999999",
    "negative": "-1",
    "zero-year": "0000",
    "long": "Ż" * 3000,
    "unknown-code": "no-such-code",
    "search-syntax": 'najem" OR -(x* ~2 /regex/ NEAR(a)',
    "percent": "%ff%00%",
}
HUGE_ID = HOSTILE_VALUES["huge"]
# Paths never followed: the admins are staff tools with their own tests (Wagtail's and Django's);
# static files are not views.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/")
LANGUAGE_PREFIX = re.compile(r"^(%s)/" % "|".join(code for code, _name in settings.LANGUAGES))


def pattern_routes():
    """{route: URLPattern} of every pattern of the project's resolver, language prefix as "<lang>/"."""
    routes = {}

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                routes[_normal(route)] = pattern

    walk(get_resolver(), "")
    return routes


def project_admin_routes(routes):
    """The admin/ routes whose views the project's own apps define (the rest of admin/ is Wagtail's)."""
    local = set(settings.LOCAL_APPS)
    return {route for route, pattern in routes.items() if route.startswith("admin/")
            and getattr(pattern.callback, "__module__", "").split(".")[0] in local}


def route_of(path):
    """The route (as in pattern_routes) that answers `path`, else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return _normal(match.route)


def _normal(route):
    """A route as Django joins it in ResolverMatch.route (no "^" of included regular expressions),
    its language prefix as "<lang>/"."""
    return LANGUAGE_PREFIX.sub("<lang>/", route.replace("^", ""), count=1)


_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)")
_SAMPLES = {"fmt": None, "decision": "accept", "key": "x-key", "uidb36": "1", "path": "robots.txt"}


def sample_path(route, language, number):
    """A path that `route` answers, its parameters filled with `number` (ints) or a word; None when
    the route cannot be filled (the test then lists it as not reached)."""
    path = route.replace("<lang>/", f"{language}/")
    if "(" in path or "^" in path or "$" in path:  # a regular expression
        def named(match):
            name, body = match.group(1), match.group(2)
            if name in ("pk", "id") or body in (r"\d+", "[0-9]+"):
                return str(number)
            if "|" in body and "(" not in body:
                return body.split("|")[0]
            return _SAMPLES.get(name) or "x"
        path = _NAMED_GROUP.sub(named, path)
        path = path.replace(r"(\d+)", str(number)).replace("(.*)", "x").replace("((?:[\\w\\-]+/)*)", "")
        path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("\\", "")
        if "(" in path or "[" in path or "*" in path or "?" in path:
            return None
    path = _CONVERTER.sub(lambda m: str(number) if m.group(1) == "int" else "x", path)
    return "/" + path


class _Page(HTMLParser):
    """Links and GET forms (action, field names) of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = None
            if (attrs.get("method") or "get").lower() == "get":
                self._form = {"action": attrs.get("action") or "", "fields": []}
                self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form is not None and attrs.get("name"):
            if attrs.get("type") not in ("submit", "button", "image"):
                self._form["fields"].append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def local_path(href, base):
    """The site-local path?query of a link on page `base`, else None."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "testserver"):
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


def public_path(path):
    """Whether a crawl that is not told otherwise follows `path` (not an admin, not a static file)."""
    return not path.startswith(SKIPPED_PREFIXES)


@dataclass
class Crawl:
    """One crawl's requests: what answered, what failed, how long it took."""

    client: object
    role: str
    per_key: int = 2
    requests: int = 0
    pages: set = field(default_factory=set)
    reached: dict = field(default_factory=dict)  # route -> set of statuses
    failures: list = field(default_factory=list)  # (role, url, status, detail)
    forms: dict = field(default_factory=dict)  # (route, action) -> field names
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of this process (the test client runs the views in it)
    allows: object = public_path  # which links and form actions it follows

    def get(self, url, **params):
        """GET `url` (path?query, or path with `params`), record the answer; returns the response."""
        started, cpu = time.perf_counter(), time.process_time()
        response = self.client.get(url, params or None, follow=False)
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu
        self.requests += 1
        path = urlsplit(url).path
        route = route_of(path)
        if route is not None:
            self.reached.setdefault(route, set()).add(response.status_code)
        if response.status_code >= 500:
            shown = url if not params else f"{url}?{urlencode(params, doseq=True)[:300]}"
            error = getattr(response, "exc_info", None)
            self.failures.append((self.role, shown, response.status_code, repr(error[1]) if error else ""))
        return response

    def _key(self, path):
        """Crawl at most `per_key` URLs per key: the route, and for Wagtail pages the parent path."""
        route = route_of(urlsplit(path).path) or path
        if _is_page_route(route):
            parent = LANGUAGE_PREFIX.sub("", urlsplit(path).path.lstrip("/")).rstrip("/").rsplit("/", 1)[0]
            return (route, parent.count("/"), parent.split("/")[0])
        return (route, "query" if "?" in path else "")

    def follow(self, starts, limit=400):
        """Breadth-first from `starts` over local links, `per_key` URLs per key, at most `limit` pages."""
        queue, seen, per_key = list(starts), set(), {}
        while queue and len(self.pages) < limit:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            key = self._key(url)
            if per_key.get(key, 0) >= self.per_key:
                continue
            per_key[key] = per_key.get(key, 0) + 1
            response = self.get(url)
            self.pages.add(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Page()
            parser.feed(response.content.decode(errors="replace"))
            for form in parser.forms:
                action = local_path(form["action"], url) or urlsplit(url).path
                if self.allows(action):
                    self.forms.setdefault(urlsplit(action).path, set()).update(form["fields"])
            for href in parser.links:
                path = local_path(href, url)
                if path and path not in seen and self.allows(path):
                    queue.append(path)


def hostile_forms(crawls):
    """Every GET form the crawls found, each hostile value once in all of its fields, then repeated
    parameters once.

    A form is known by its route (for Wagtail pages, by its fields too): the same listing in pl, uk
    and en, seen by several roles, is one form, with the fields of all its copies. Its hostile values
    are dealt out in turn to the (role, language) copies found, so each value meets each form once,
    in a role and a language that has it.
    """
    copies = {}
    for crawl in crawls:
        for action, fields in sorted(crawl.forms.items()):
            route = route_of(action) or action
            key = (route, tuple(sorted(fields))) if _is_page_route(route) else (route, ())
            copies.setdefault(key, []).append((crawl, action, fields))
    for found in copies.values():
        names = sorted(set().union(*(fields for _crawl, _action, fields in found)) | {"q", "page"})
        for n, value in enumerate(HOSTILE_VALUES.values()):
            crawl, action, _fields = found[n % len(found)]
            crawl.get(action, **{name: value for name in names})
        crawl, action, _fields = found[len(HOSTILE_VALUES) % len(found)]
        crawl.get(action + "?" + "&".join(f"{name}=1&{name}=x" for name in names))
    return len(copies)


def _is_page_route(route):
    """Whether `route` is Wagtail's catch-all page route (every page of the tree)."""
    return "(?:[\\w\\-]+/)*" in route
