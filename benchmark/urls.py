from django.urls import path

from benchmark import views

app_name = "benchmark"
urlpatterns = [
    path("organisation/sammenligning/", views.participation, name="participation"),
    path("planer/inspiration/", views.library, name="library"),
    path("planer/inspiration/<id:pk>/", views.card, name="card"),
    path("planer/inspiration/<id:pk>/traek-tilbage/", views.card_unshare, name="card_unshare"),
    path("planer/temaer/<id:pk>/del/", views.card_share, name="card_share"),
]
