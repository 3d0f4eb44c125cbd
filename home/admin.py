"""The vocabularies are fixed by code (DOMAIN.md); the admin only lists them."""

from django.contrib import admin

from .models import Language, Sector, SupportType, TargetGroup, Voivodeship


class TermAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "position")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Voivodeship, Sector, TargetGroup, SupportType, Language):
    admin.site.register(model, TermAdmin)
