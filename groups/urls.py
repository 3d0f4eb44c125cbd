"""Public (language-prefixed) URLs of the working groups; included by cms.urls."""

from django.urls import path

from . import mine, views

app_name = "groups"

urlpatterns = [
    path("groups/mine/", mine.my_groups, name="mine"),
    path("groups/meetings/mine/", mine.my_meetings, name="my_meetings"),
    path("groups/calendar.ics", views.forum_calendar, name="forum_calendar"),
    path("groups/<int:pk>/calendar.ics", views.group_calendar, name="group_calendar"),
    path("groups/<int:pk>/join/", views.join_group, name="join"),
    path("groups/<int:pk>/leave/", views.leave_group, name="leave"),
    path("groups/<int:pk>/members/", views.group_members, name="members"),
    path("groups/<int:pk>/documents/", views.group_documents, name="documents"),
    path("groups/memberships/<int:pk>/decide/", views.decide_membership, name="decide"),
    path("groups/meetings/<int:pk>/register/", views.register_for_meeting, name="register"),
    path("groups/meetings/<int:pk>/cancel/", views.cancel_registration, name="cancel"),
    path("groups/meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("groups/meetings/<int:pk>/participants.csv", views.participants_csv, name="participants_csv"),
    path("groups/meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
]
