from django.urls import path

from dialogue import views

app_name = "dialogue"

urlpatterns = [
    path("", views.start, name="start"),
    path("interviewguide/", views.guide, name="guide"),
    path("gem/note/<str:key>/", views.autosave_note, name="autosave_note"),
    path(
        "gem/aftale/<id:pk>/<str:field>/",
        views.autosave_agreement,
        name="autosave_agreement",
    ),
    path(
        "gem/samtale/<id:pk>/<str:field>/",
        views.autosave_dialogue,
        name="autosave_dialogue",
    ),
    path("aftale/", views.agreement, name="agreement"),
    path("aftale/ny-periode/", views.agreement_start, name="agreement_start"),
    path("aftale/<id:pk>/", views.agreement_detail, name="agreement_detail"),
    path("aftale/<id:pk>/eksempel/", views.agreement_example, name="agreement_example"),
    path("aftale/<id:pk>/punkter/", views.item_add, name="item_add"),
    path("aftale/<id:pk>/udskriv/", views.agreement_print, name="agreement_print"),
    path("aftale/<id:pk>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("punkter/<id:pk>/", views.item_edit, name="item_edit"),
    path("punkter/<id:pk>/slet/", views.item_delete, name="item_delete"),
    path("punkter/<id:pk>/afkryds/", views.item_tick, name="item_tick"),
    path("samtale/", views.conversation, name="conversation"),
    path(
        "samtale/gem/<str:field>/",
        views.autosave_conversation,
        name="autosave_conversation",
    ),
    path("samtale/forhaandsvisning/", views.share_preview, name="share_preview"),
    path("samtale/del/", views.share, name="share"),
    path("samtaler/<id:pk>/", views.dialogue_detail, name="detail"),
    path("samtaler/<id:pk>/rytme/", views.dialogue_rhythm, name="rhythm"),
    path("samtaler/<id:pk>/moeder/", views.meeting_add, name="meeting_add"),
    path(
        "samtaler/<id:pk>/aftaler/",
        views.manager_agreement_add,
        name="manager_agreement_add",
    ),
    path("samtaler/<id:pk>/udskriv/", views.dialogue_print, name="print"),
    path("moeder/<id:pk>/noter/", views.meeting_note_add, name="meeting_note_add"),
    path("ledere/", views.my_leaders, name="my_leaders"),
    path("ledere/<id:person_pk>/", views.dialogue_with, name="with"),
    path("ledere/<id:person_pk>/begynd/", views.dialogue_begin_with, name="begin_with"),
]
