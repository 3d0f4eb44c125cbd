"""A person's organisations, for the apps that act on an organisation's behalf (a member of a working group
represents one; the common voice and the innovations catalogue act for one).

Organisations and memberships are the directory's, and the directory sits above accounts
(docs/architecture.md "Layers"): it hands its reader over when it starts (DirectoryConfig.ready ->
`read_affiliations_with`), as it does for accounts.start, so those apps ask here and import no directory.
"""

from wagtail.models import Page


def _no_organisations(user):
    return Page.objects.none()


_readers = {"organisations_of": _no_organisations}


def read_affiliations_with(organisations_of):
    """Take the directory's reader of a person's organisations (DirectoryConfig.ready)."""
    _readers["organisations_of"] = organisations_of


def organisations_of(user):
    """The organisations (pages in the default language, any state, a queryset ordered by name) `user` belongs
    to; none for anonymous visitors (the directory's `directory.permissions.organisations_of`)."""
    return _readers["organisations_of"](user)
