"""The working groups' pages as the discussions and updates find them, without the groups app's classes
(community imports nothing of groups: docs/architecture.md "Layers").

They are Wagtail pages whose specific row is a working group's: Django gives every page the relation
`workinggrouppage` to that row (multi-table inheritance), as the foreign keys "groups.WorkingGroupPage"
name the model by string. `specific(defer=True)` makes WorkingGroupPage objects from the one page query:
their own fields are read when first used.
"""

from wagtail.models import Page

# The stored value of an active group's status (groups' WorkingGroupPage.Status.ACTIVE).
ACTIVE = "active"


def group_pages():
    """Every page (any language, any state) of every working group, as WorkingGroupPage objects."""
    return Page.objects.filter(workinggrouppage__isnull=False).specific(defer=True)


def active_group_pages():
    """The live pages (any language) of the active working groups, as WorkingGroupPage objects."""
    return Page.objects.live().filter(workinggrouppage__status=ACTIVE).specific(defer=True)
