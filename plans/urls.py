from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("planer/", views.home, name="home"),
    path("planer/ny/", views.plan_create, name="create"),
    path("planer/ny/enheder/", views.unit_search, name="unit_search"),
    path("planer/<id:pk>/", views.plan_detail, name="detail"),
    path("planer/<id:pk>/team/", views.plan_team, name="team"),
    path("planer/<id:pk>/team/soeg/", views.plan_team_search, name="team_search"),
    path("planer/<id:pk>/prioriter/", views.prioritise, name="prioritise"),
    path("planer/<id:pk>/temaer/", views.own_theme_add, name="own_theme_add"),
    path("planer/temaer/<id:pk>/slet/", views.theme_delete, name="theme_delete"),
    path(
        "planer/<id:pk>/eskaleringer/<id:escalation_pk>/",
        views.escalation_decide,
        name="escalation_decide",
    ),
    path("planer/<id:pk>/inviter/", views.rating_open, name="rating_open"),
    path("planer/<id:pk>/luk-vurdering/", views.rating_close, name="rating_close"),
    path("planer/<id:pk>/paamind/", views.rating_remind, name="rating_remind"),
    path("planer/<id:pk>/vaelg/", views.choose, name="choose"),
    path("planer/<id:pk>/vurder/", views.rate, name="rate"),
    path("planer/<id:pk>/kvalificer/", views.qualify, name="qualify"),
    path("planer/temaer/<id:pk>/kvalificer/", views.theme_qualify, name="theme_qualify"),
    path("planer/<id:pk>/tilbud/", views.offer_add, name="offer_add"),
    path("planer/<id:pk>/action-cards/", views.cards, name="cards"),
    path("planer/temaer/<id:pk>/action-card/", views.card_edit, name="card_edit"),
    path("planer/<id:pk>/udgiv/", views.publish, name="publish"),
    path("planer/<id:pk>/versioner/<id:number>/", views.version, name="version"),
    path(
        "planer/<id:pk>/versioner/<id:number>/print/",
        views.version_print,
        name="version_print",
    ),
    path("planer/<id:pk>/versioner/<id:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("planer/<id:pk>/links/", views.link_create, name="link_create"),
    path("planer/links/<id:pk>/spaer/", views.link_revoke, name="link_revoke"),
    path("intranet/plan/<str:token>/", views.public_plan, name="public"),
    path("planer/tilbagemeldinger/<id:pk>/", views.feedback, name="feedback"),
]
