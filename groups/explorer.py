"""Where a coordinator's page explorer opens: at their working group's page, in their admin language.

Wagtail opens the sidebar's page explorer at the closest common ancestor of the pages a user
may edit. A coordinator has rights on their group's page in every language (groups.roles:
each translation is its own subtree), and the common ancestor of /pl/…, /uk/… and /en/… is the
root of the tree: the coordinator would land among pages they cannot touch. The explorer menu
item is swapped (Wagtail's construct_main_menu hook) for one that opens at the common ancestor
of the user's pages in the admin's language; rights and listings stay Wagtail's own.
"""

from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry


def explorer_start_page(user):
    """The page the explorer should open at for `user`, or None where Wagtail's own start is right.

    Wagtail's start is kept unless it is the root while none of the user's rights is on the root
    (the Secretariat and superusers, with rights on everything, keep the root).
    """
    policy = policy_registry.get_by_type(Page)
    start = policy.explorable_root_instance(user)
    if start is None or not start.is_root():
        return None
    pages = list(policy.instances_with_direct_explore_permission(user))
    if not pages or any(page.is_root() for page in pages):
        return None
    locale = Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()
    own = [page for page in pages if page.locale_id == locale.pk]
    if not own:
        return None
    return Page.objects.first_common_ancestor_of(own, include_self=True, strict=True)


class StartPageExplorerMenuItem(MenuItem):
    """Wagtail's "Pages" menu item, opening at a given page."""

    def __init__(self, item, start_page):
        super().__init__(item.label, reverse("wagtailadmin_explore", args=[start_page.pk]), name=item.name,
                         icon_name=item.icon_name, classname=item.classname, order=item.order)
        self.start_page = start_page

    def render_component(self, request):
        return PageExplorerMenuItem(self.name, self.label, self.url, self.start_page.pk,
                                    icon_name=self.icon_name, classname=self.classname)


def open_explorer_at_own_pages(request, menu_items):
    """construct_main_menu: replace the explorer item when `explorer_start_page` names a page."""
    start_page = explorer_start_page(request.user)
    if start_page is None:
        return
    for index, item in enumerate(menu_items):
        if item.name == "explorer":
            menu_items[index] = StartPageExplorerMenuItem(item, start_page)
