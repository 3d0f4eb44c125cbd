"""Public (language-prefixed) URLs of this app; included by cms.urls. The catalogue itself, the
submission form and the feed are routes of the catalogue page (InnovationIndexPage)."""

from django.urls import path, re_path

from . import views

app_name = "innovations"

urlpatterns = [
    path("innovations/<int:pk>/interest/", views.express_interest, name="express_interest"),
    path("innovations/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("innovations/interests/<int:pk>/", views.interest_detail, name="interest"),
    path("innovations/interests/<int:pk>/answer/", views.answer, name="answer"),
    path("innovations/interests/<int:pk>/need/", views.need, name="need"),
    re_path(r"^innovations/recommended\.(?P<fmt>csv|json)$", views.export, name="export"),
]
