from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("grupper/", views.home, name="home"),
    path("grupper/<id:pk>/", views.group_detail, name="group_detail"),
    path("grupper/<id:pk>/ny-runde/", views.round_create, name="round_create"),
    path("runder/<id:pk>/", views.round_detail, name="round_detail"),
    path("runder/<id:pk>/fortroligt/", views.round_accept, name="round_accept"),
    path("runder/<id:pk>/status/", views.round_status, name="round_status"),
    path("runder/<id:pk>/paamind/", views.round_remind, name="round_remind"),
    path("runder/<id:pk>/forberedelse/", views.preparation, name="round_preparation"),
    path("runder/<id:pk>/kort/", views.round_map, name="round_map"),
    path("runder/<id:pk>/moede/", views.meeting, name="round_meeting"),
    path("runder/<id:pk>/moede/styring/", views.meeting_control, name="round_meeting_control"),
    path("runder/<id:pk>/skaerm/", views.screen, name="round_screen"),
    path("runder/<id:pk>/skaerm/indhold/", views.screen_content, name="round_screen_content"),
    path("runder/<id:pk>/temaer/", views.theme_add, name="round_theme_add"),
    path("temaer/<id:pk>/", views.theme_edit, name="round_theme_edit"),
    path("runder/<id:pk>/noter/", views.round_notes, name="round_notes"),
    path("runder/<id:pk>/aftaler/", views.agreement_add, name="round_agreement_add"),
    path("runder/<id:pk>/afslutning/", views.closing_remark, name="round_closing_remark"),
    path("runder/<id:pk>/eskaleringer/", views.escalation_add, name="round_escalation_add"),
    path("runder/<id:pk>/opsummering/", views.summary, name="round_summary"),
    path("runder/<id:pk>/pdf/", views.summary_pdf, name="round_summary_pdf"),
]
