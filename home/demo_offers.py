"""What one app's demo data offers the demos of the apps after it in LOCAL_APPS, so that they import no
other domain app: an app lists its finders in its demo.py as `OFFERS = {name: function}` (the directory:
its demo organisations), and a later app's demo asks `demo_offer(name)`. When no installed app offers it,
the answer is None and the caller leaves out what needed it (as when the objects are missing)."""

from core.discovery import app_modules


def demo_offer(name):
    """The finder `name` from the first app whose demo.py offers it (in the order of LOCAL_APPS), else None."""
    for _app, module in app_modules("demo"):
        finder = getattr(module, "OFFERS", {}).get(name)
        if finder is not None:
            return finder
    return None
