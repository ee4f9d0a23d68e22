from django.urls import path

from dialogue import views

urlpatterns = [
    path("", views.start, name="dialogue_start"),
    path("interviewguide/", views.guide, name="dialogue_guide"),
    path("gem/note/<str:key>/", views.autosave_note, name="dialogue_autosave_note"),
    path(
        "gem/aftale/<int:pk>/<str:field>/",
        views.autosave_agreement,
        name="dialogue_autosave_agreement",
    ),
    path(
        "gem/samtale/<int:pk>/<str:field>/",
        views.autosave_dialogue,
        name="dialogue_autosave_dialogue",
    ),
    path("aftale/", views.agreement, name="dialogue_agreement"),
    path("aftale/ny-periode/", views.agreement_start, name="dialogue_agreement_start"),
    path("aftale/<int:pk>/", views.agreement_detail, name="dialogue_agreement_detail"),
    path("aftale/<int:pk>/eksempel/", views.agreement_example, name="dialogue_agreement_example"),
    path("aftale/<int:pk>/punkter/", views.item_add, name="dialogue_item_add"),
    path("aftale/<int:pk>/udskriv/", views.agreement_print, name="dialogue_agreement_print"),
    path("aftale/<int:pk>/pdf/", views.agreement_pdf, name="dialogue_agreement_pdf"),
    path("punkter/<int:pk>/", views.item_edit, name="dialogue_item_edit"),
    path("punkter/<int:pk>/slet/", views.item_delete, name="dialogue_item_delete"),
    path("punkter/<int:pk>/afkryds/", views.item_tick, name="dialogue_item_tick"),
    path("samtale/", views.conversation, name="dialogue_conversation"),
    path(
        "samtale/gem/<str:field>/",
        views.autosave_conversation,
        name="dialogue_autosave_conversation",
    ),
    path("samtale/forhaandsvisning/", views.share_preview, name="dialogue_share_preview"),
    path("samtale/del/", views.share, name="dialogue_share"),
    path("samtaler/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("samtaler/<int:pk>/rytme/", views.dialogue_rhythm, name="dialogue_rhythm"),
    path("samtaler/<int:pk>/moeder/", views.meeting_add, name="dialogue_meeting_add"),
    path(
        "samtaler/<int:pk>/aftaler/",
        views.manager_agreement_add,
        name="dialogue_manager_agreement_add",
    ),
    path("samtaler/<int:pk>/udskriv/", views.dialogue_print, name="dialogue_print"),
    path("moeder/<int:pk>/noter/", views.meeting_note_add, name="dialogue_meeting_note_add"),
    path("ledere/", views.my_leaders, name="dialogue_my_leaders"),
    path("ledere/<int:person_pk>/", views.dialogue_with, name="dialogue_with"),
    path("ledere/<int:person_pk>/begynd/", views.dialogue_begin_with, name="dialogue_begin_with"),
]
