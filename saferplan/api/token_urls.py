from django.urls import path

from . import pages

app_name = "api-tokens"
urlpatterns = [
    path("", pages.tokens, name="list"),
    path("<int:pk>/renew/", pages.token_renew, name="renew"),
    path("<int:pk>/revoke/", pages.token_revoke, name="revoke"),
]
