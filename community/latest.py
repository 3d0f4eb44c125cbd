"""The member updates' "latest" section on the home page (home.latest's protocol)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import reader_hidden_paths

from .models import OrganisationUpdate
from .updates import shown_updates, with_local_organisations

HOME_UPDATES = 4
# Kept by home.latest per reader's hidden paths (the section depends on its reader through them alone),
# under the updates' version and the frame's (organisation names).
SAME_FOR_SAME_HIDDEN_PATHS = True
READ_MODELS = (OrganisationUpdate.READ_MODEL_VERSION,)


def latest(request, locale_id, count=HOME_UPDATES):
    """The newest visible updates of member organisations, names in the reader's language (two queries)."""
    # Only the organisation is shown: joining the group and the need too (as listings do) made compiling
    # the query cost several times more than running it.
    updates = with_local_organisations(shown_updates(reader_hidden_paths(request)).select_related(None)
                                       .select_related("organisation").prefetch_related(None)[:count])
    return {
        "title": _("News from member organisations"),
        "url": reverse("community:updates"),
        "items": [{
            "title": update.excerpt,
            "url": update.get_absolute_url(),
            "meta": f"{update.shown_organisation.title} · {update.get_kind_display()}",
        } for update in updates],
    }
