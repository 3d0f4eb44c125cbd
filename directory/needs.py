"""What the directory offers the apps that post or name a need (an interest in an innovation becomes a need;
a member update's challenge names one of its organisation's needs): found as `<app>/needs.py`
(core.discovery.app_module), so they import no directory. A need posted elsewhere goes through the directory's
own form and save, so it is checked, counted and matched exactly like one posted in the directory."""

from .forms import SupportItemForm
from .models import SupportItem
from .views_support import save_item

__all__ = ["SupportItemForm", "save_item", "needs_of"]


def needs_of(organisations):
    """The needs of `organisations` (a queryset of their pages), by title."""
    return SupportItem.objects.filter(kind=SupportItem.NEED, organisation__in=organisations).order_by("title")
