"""The site's URLs: unprefixed technical endpoints, then language-prefixed pages."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import userbar as home_userbar
from home import views as home_views

api_patterns = [
    path("schema", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("accounts.api_urls")),
    path("", include("directory.api_urls")),
    path("", include("groups.api_urls")),
    path("", include("positions.api_urls")),
    path("", include("library.api_urls")),
    path("", include("innovations.api_urls")),
    path("", include("search.api_urls")),
]

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", home_views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("userbar/", home_userbar.userbar, name="userbar"),
    path("userbar/<int:page_id>/", home_userbar.userbar, name="page_userbar"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include(api_patterns)),
    re_path(r"^api/", home_views.api_not_found),  # any other /api/ path: a JSON 404, never a page
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("directory.urls")),
    path("", include("groups.urls")),
    path("", include("positions.urls")),
    path("", include("community.urls")),
    path("", include("library.urls")),
    path("", include("innovations.urls")),
    path("", include("search.urls")),
    path("", include("digests.urls")),
    # Wagtail serves every other path of its page tree; it must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "home.views.bad_request"
handler500 = "home.views.server_error"
# allauth's rate limits and home.ratelimit answer with the same 429 page in the site frame.
handler429 = "home.ratelimit.too_many_requests"
