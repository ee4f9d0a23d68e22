from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("haendelser/", views.events, name="events"),
    path("", views.overview, name="overview"),
    path("indstillinger/", views.settings_edit, name="settings"),
    path("enheder/", views.unit_list, name="unit_list"),
    path("enheder/ny/", views.unit_create, name="unit_create"),
    path("enheder/soeg/", views.unit_search, name="unit_search"),
    path("enheder/<id:pk>/", views.unit_edit, name="unit_edit"),
    path("enheder/<id:pk>/slet/", views.unit_delete, name="unit_delete"),
    path("personer/", views.person_list, name="person_list"),
    path("personer/ny/", views.person_create, name="person_create"),
    path("personer/soeg/", views.person_search, name="person_search"),
    path("personer/bekraeft/", views.vouch_list, name="vouch_list"),
    path("personer/<id:pk>/bekraeft/", views.person_vouch, name="person_vouch"),
    path("personer/<id:pk>/", views.person_edit, name="person_edit"),
    path("personer/<id:pk>/inviter/", views.person_invite, name="person_invite"),
    path("personer/<id:pk>/slet-data/", views.person_erase, name="person_erase"),
    path("ledelsesgrupper/", views.group_list, name="group_list"),
    path("ledelsesgrupper/ny/", views.group_create, name="group_create"),
    path("ledelsesgrupper/<id:pk>/", views.group_edit, name="group_edit"),
    path("ledelsesgrupper/<id:pk>/slet/", views.group_delete, name="group_delete"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/bekraeft/", views.import_confirm, name="import_confirm"),
    path("import/skabelon.csv", views.import_template, name="import_template"),
    path("eksport.<str:fmt>", views.organisation_export, name="export"),
    path("driftens-anmodninger/", views.operator_requests, name="operator_requests"),
    path(
        "driftens-anmodninger/<id:pk>/",
        views.operator_request_decide,
        name="operator_request_decide",
    ),
]
