from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("grupper/", views.home, name="home"),
    path("grupper/<int:pk>/", views.group_detail, name="group_detail"),
    path("grupper/<int:pk>/ny-runde/", views.round_create, name="round_create"),
    path("runder/<int:pk>/", views.round_detail, name="round_detail"),
    path("runder/<int:pk>/fortroligt/", views.round_accept, name="round_accept"),
    path("runder/<int:pk>/status/", views.round_status, name="round_status"),
    path("runder/<int:pk>/forberedelse/", views.preparation, name="round_preparation"),
    path("runder/<int:pk>/kort/", views.round_map, name="round_map"),
    path("runder/<int:pk>/moede/", views.meeting, name="round_meeting"),
    path("runder/<int:pk>/moede/styring/", views.meeting_control, name="round_meeting_control"),
    path("runder/<int:pk>/skaerm/", views.screen, name="round_screen"),
    path("runder/<int:pk>/skaerm/indhold/", views.screen_content, name="round_screen_content"),
    path("runder/<int:pk>/temaer/", views.theme_add, name="round_theme_add"),
    path("temaer/<int:pk>/", views.theme_edit, name="round_theme_edit"),
    path("runder/<int:pk>/noter/", views.round_notes, name="round_notes"),
    path("runder/<int:pk>/aftaler/", views.agreement_add, name="round_agreement_add"),
    path("runder/<int:pk>/afslutning/", views.closing_remark, name="round_closing_remark"),
    path("runder/<int:pk>/eskaleringer/", views.escalation_add, name="round_escalation_add"),
    path("runder/<int:pk>/opsummering/", views.summary, name="round_summary"),
    path("runder/<int:pk>/pdf/", views.summary_pdf, name="round_summary_pdf"),
]
