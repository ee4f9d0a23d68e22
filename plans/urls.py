from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("planer/", views.home, name="home"),
    path("planer/ny/", views.plan_create, name="create"),
    path("planer/<int:pk>/", views.plan_detail, name="detail"),
    path("planer/<int:pk>/team/", views.plan_team, name="team"),
    path("planer/<int:pk>/prioriter/", views.prioritise, name="prioritise"),
    path("planer/<int:pk>/temaer/", views.own_theme_add, name="own_theme_add"),
    path("planer/temaer/<int:pk>/slet/", views.theme_delete, name="theme_delete"),
    path(
        "planer/<int:pk>/eskaleringer/<int:escalation_pk>/",
        views.escalation_decide,
        name="escalation_decide",
    ),
    path("planer/<int:pk>/inviter/", views.rating_open, name="rating_open"),
    path("planer/<int:pk>/luk-vurdering/", views.rating_close, name="rating_close"),
    path("planer/<int:pk>/vaelg/", views.choose, name="choose"),
    path("planer/<int:pk>/vurder/", views.rate, name="rate"),
    path("planer/<int:pk>/kvalificer/", views.qualify, name="qualify"),
    path("planer/temaer/<int:pk>/kvalificer/", views.theme_qualify, name="theme_qualify"),
    path("planer/<int:pk>/tilbud/", views.offer_add, name="offer_add"),
    path("planer/<int:pk>/action-cards/", views.cards, name="cards"),
    path("planer/temaer/<int:pk>/action-card/", views.card_edit, name="card_edit"),
    path("planer/<int:pk>/udgiv/", views.publish, name="publish"),
    path("planer/<int:pk>/versioner/<int:number>/", views.version, name="version"),
    path(
        "planer/<int:pk>/versioner/<int:number>/print/",
        views.version_print,
        name="version_print",
    ),
    path("planer/<int:pk>/versioner/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("planer/<int:pk>/links/", views.link_create, name="link_create"),
    path("planer/links/<int:pk>/spaer/", views.link_revoke, name="link_revoke"),
    path("intranet/plan/<str:token>/", views.public_plan, name="public"),
    path("planer/tilbagemeldinger/<int:pk>/", views.feedback, name="feedback"),
]
