"""The positions' actions, version changes, exports and reminder settings (under the language prefix)."""

from django.urls import path

from . import views

app_name = "positions"

urlpatterns = [
    path("positions/<int:pk>/comment/", views.comment, name="comment"),
    path("positions/comments/<int:pk>/answer/", views.answer, name="answer"),
    path("positions/<int:pk>/sign/", views.sign, name="sign"),
    path("positions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("positions/<int:pk>/changes/", views.changes, name="changes"),
    path("positions/<int:pk>/signatories.csv", views.signatories_export, name="signatories_csv"),
    path("positions/<int:pk>/annex/", views.annex, name="annex"),
    path("positions/reminders/", views.reminders, name="reminders"),
]
