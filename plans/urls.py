from django.urls import path

from plans import views

urlpatterns = [
    path("planer/", views.home, name="plans_home"),
    path("planer/ny/", views.plan_create, name="plan_create"),
    path("planer/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("planer/<int:pk>/team/", views.plan_team, name="plan_team"),
    path("planer/<int:pk>/prioriter/", views.prioritise, name="plan_prioritise"),
    path("planer/<int:pk>/temaer/", views.own_theme_add, name="plan_own_theme_add"),
    path("planer/temaer/<int:pk>/slet/", views.theme_delete, name="plan_theme_delete"),
    path(
        "planer/<int:pk>/eskaleringer/<int:escalation_pk>/",
        views.escalation_decide,
        name="plan_escalation_decide",
    ),
    path("planer/<int:pk>/inviter/", views.rating_open, name="plan_rating_open"),
    path("planer/<int:pk>/vaelg/", views.choose, name="plan_choose"),
    path("planer/<int:pk>/vurder/", views.rate, name="plan_rate"),
    path("planer/<int:pk>/kvalificer/", views.qualify, name="plan_qualify"),
    path("planer/temaer/<int:pk>/kvalificer/", views.theme_qualify, name="plan_theme_qualify"),
    path("planer/<int:pk>/tilbud/", views.offer_add, name="plan_offer_add"),
    path("planer/<int:pk>/action-cards/", views.cards, name="plan_cards"),
    path("planer/temaer/<int:pk>/action-card/", views.card_edit, name="plan_card_edit"),
    path("planer/<int:pk>/udgiv/", views.publish, name="plan_publish"),
    path("planer/<int:pk>/versioner/<int:number>/", views.version, name="plan_version"),
    path(
        "planer/<int:pk>/versioner/<int:number>/print/",
        views.version_print,
        name="plan_version_print",
    ),
    path("planer/<int:pk>/versioner/<int:number>/pdf/", views.version_pdf, name="plan_version_pdf"),
    path("planer/<int:pk>/links/", views.link_create, name="plan_link_create"),
    path("planer/links/<int:pk>/spaer/", views.link_revoke, name="plan_link_revoke"),
    path("intranet/plan/<str:token>/", views.public_plan, name="public_plan"),
    path("planer/tilbagemeldinger/<int:pk>/", views.feedback, name="plan_feedback"),
]
