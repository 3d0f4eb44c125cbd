"""Template context shared by every page."""


def cache_versions(request):
    """`frame_version`: the version of published content (home.frame) for {% wagtailcache %} fragments
    that change with it. A callable, so only a template that names it reads the version."""
    from . import frame

    return {"frame_version": frame.version}
