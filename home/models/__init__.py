"""Models of the site frame, one module per kind; public names re-exported here."""

from .pages import BasePage, HomePage, HomePageHighlight, NewsIndexPage, NewsPage, StandardPage, TranslationRootMixin
from .snippets import FooterText, SiteSettings
from .taxonomy import (
    LEGAL_FORMS,
    NATIONWIDE,
    RESOURCE_TYPES,
    Language,
    Sector,
    SupportType,
    TargetGroup,
    Term,
    Voivodeship,
)

__all__ = [
    "BasePage", "HomePage", "HomePageHighlight", "NewsIndexPage", "NewsPage", "StandardPage", "TranslationRootMixin",
    "FooterText", "SiteSettings",
    "LEGAL_FORMS", "NATIONWIDE", "RESOURCE_TYPES", "Language", "Sector", "SupportType", "TargetGroup", "Term",
    "Voivodeship",
]
