"""Recording, withdrawing and re-asking consents."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from .models import ConsentRecord, LegalPage

VERSIONS_CACHE_KEY = "accounts:legal-versions"
# Purposes a signed-in person must have accepted in their current version.
REQUIRED_PURPOSES = (LegalPage.Kind.TERMS, LegalPage.Kind.PRIVACY)


def current_versions():
    """{kind: version} of the live legal documents (default-locale pages; translations share the version)."""
    versions = cache.get(VERSIONS_CACHE_KEY)
    if versions is None:
        versions = {}
        for kind, version in LegalPage.objects.live().order_by("pk").values_list("kind", "version"):
            versions.setdefault(kind, version)
        cache.set(VERSIONS_CACHE_KEY, versions, 300)
    return versions


def forget_versions(**kwargs):
    """Drop the cached versions when a legal document is published, unpublished or deleted."""
    cache.delete(VERSIONS_CACHE_KEY)


def connect_signals():
    """Keep the cached versions in step with the live legal pages."""
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(forget_versions, sender=LegalPage, dispatch_uid=f"legal-versions-{signal!r}")


def record_consent(user, purpose, text, method, email="", version=None):
    """Store one consent; the version defaults to the live document's for terms and privacy."""
    version = version or current_versions().get(purpose, "1")
    return ConsentRecord.objects.create(
        user=user, email=email or getattr(user, "email", ""), purpose=purpose,
        version=version, text=str(text), method=method,
    )


def withdraw_consent(user, purpose):
    """Withdraw every active consent of `user` for `purpose`; returns how many were withdrawn."""
    return ConsentRecord.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def missing_acceptances(user):
    """The required legal documents whose current version `user` has not accepted: {kind: version}."""
    versions = current_versions()
    required = {kind: versions[kind] for kind in REQUIRED_PURPOSES if kind in versions}
    if not required:
        return {}
    accepted = set(
        ConsentRecord.objects.filter(user=user, purpose__in=required, withdrawn_at__isnull=True)
        .values_list("purpose", "version")
    )
    return {kind: version for kind, version in required.items() if (kind, version) not in accepted}


def legal_links(kinds=REQUIRED_PURPOSES):
    """Links to the live legal documents of these kinds in the reader's language, as safe HTML for a
    consent field's help text ("" when none is published): consent is asked next to what it covers.

    Each document is its default-language page, or that page's live translation in the active
    language where one exists (what `Page.localized` gives): both in ONE query, with their locales.
    """
    from django.conf import settings
    from django.db.models import Q
    from django.utils import translation
    from django.utils.html import format_html_join
    from wagtail.coreutils import get_supported_content_language_variant

    default = settings.LANGUAGE_CODE
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = default
    originals = LegalPage.objects.live().filter(kind__in=kinds, locale__language_code=default)
    wanted = Q(pk__in=originals.values("pk"))
    if language != default:
        wanted |= Q(live=True, locale__language_code=language, translation_key__in=originals.values("translation_key"))
    documents, translated = [], {}
    for page in LegalPage.objects.filter(wanted).select_related("locale").order_by("kind", "pk"):
        if page.locale.language_code == default:
            documents.append(page)
        else:
            translated[page.translation_key] = page
    links = [(page.url, page.title) for page in (translated.get(doc.translation_key, doc) for doc in documents)]
    return format_html_join(" · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', links) if links else ""
