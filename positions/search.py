"""The Forum's joint positions (statements, consultation responses, appeals), one entry per position."""

from django.utils.translation import gettext_lazy as _

from search.pages import PageAdapter
from search.registry import register


class PositionAdapter(PageAdapter):
    kind = "position"
    label = _("Joint position")
    model = "positions.PositionPage"
    summary_field = "introduction"

    def body(self, page):
        return " ".join([page.addressee, page.reference, *(text for _pid, text in page.paragraphs())])


register(PositionAdapter())
