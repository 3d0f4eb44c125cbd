"""What the page of one innovation shows, depending on who reads it."""

from accounts.affiliations import is_member
from accounts.roles import is_secretariat
from core.access import request_restrictions
from core.discovery import app_modules

from .forms import InterestForm
from .models import ReplicationInterest, ScalingRecommendation
from .submissions import member_organisations


def organisation_documents(organisation, locale_id, limit=10, catalogue=None):
    """Live, public documents published by `organisation`, in `locale_id`, newest first, at most `limit`: what
    the apps that keep an organisation's publications offer (`<app>/publications.py`, the library's resources;
    in the order of LOCAL_APPS). `catalogue`: the restrictions already read with the request."""
    if organisation is None:
        return []
    documents = []
    for _app, module in app_modules("publications", exclude=("innovations",)):
        documents.extend(module.published_by(organisation, locale_id, limit, catalogue))
    return documents[:limit]


def shown_organisation(organisation, locale_id):
    """The organisation's live profile in the reader's language (`locale_id`: the page's, the language
    it is served in), else its original; None when unpublished. Like Wagtail's `.localized`, without
    its Locale lookup."""
    if organisation is None or not organisation.live:
        return None
    if organisation.locale_id == locale_id:
        return organisation
    return organisation.get_translations().live().filter(locale_id=locale_id).first() or organisation


def record_context(page, request):
    """Template context of an innovation's page for the reader of `request`."""
    user = request.user
    original = page.original()
    organisation = page.organisation
    author_member = organisation is not None and is_member(user, organisation)
    secretariat = is_secretariat(user)
    interests = ReplicationInterest.objects.filter(innovation=original).select_related("organisation")
    if not (author_member or secretariat):
        own = member_organisations(user).values("pk") if user.is_authenticated else []
        interests = interests.filter(organisation__in=own) if user.is_authenticated else interests.none()
    own_organisations = member_organisations(user) if user.is_authenticated else None
    if own_organisations is not None and organisation is not None:
        own_organisations = own_organisations.exclude(translation_key=organisation.translation_key).exclude(
            pk__in=ReplicationInterest.objects.filter(innovation=original).values("organisation_id"))
    return {
        "catalogue": page.get_parent(),
        "organisation_shown": shown_organisation(organisation, page.locale_id),
        "documents": organisation_documents(organisation, page.locale_id,
                                            catalogue=request_restrictions(request)),
        "sectors": list(page.sectors.all()), "target_groups": list(page.target_groups.all()),
        "regions": list(page.regions.all()),
        "attachments": list(page.attachments.select_related("document")),
        "recommendation": ScalingRecommendation.objects.filter(innovation__translation_key=page.translation_key).first(),
        "show_contact": user.is_authenticated,
        "interests": list(interests),
        "is_author": author_member,
        "is_secretariat": secretariat,
        "original": original,
        "interest_form": InterestForm(organisations=own_organisations)
        if own_organisations is not None and own_organisations.exists() else None,
    }
