from django.urls import path

from followup import views

app_name = "followup"

urlpatterns = [
    path("overblik/<str:kind>/<id:pk>/status/", views.agreement_status, name="status"),
    # The tools' own addresses for the same change, kept so old pages and links work.
    path(
        "dialog/aftaler/<id:pk>/status/",
        views.agreement_status,
        {"kind": "manager"},
        name="manager_agreement_status",
    ),
    path(
        "gruppeaftaler/<id:pk>/status/",
        views.agreement_status,
        {"kind": "group"},
        name="group_agreement_status",
    ),
]
