"""What the open-data APIs share: the `?lang=` parameter every API reads the same way."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LANG_PARAMETER = OpenApiParameter("lang", OpenApiTypes.STR, enum=LANGUAGES,
                                  description="Language of the pages (each translation has its own id).")


def requested_language(request):
    """The language asked for with `?lang=`, or the site's default when missing or unknown."""
    lang = request.query_params.get("lang", settings.LANGUAGE_CODE)
    return lang if lang in LANGUAGES else settings.LANGUAGE_CODE
