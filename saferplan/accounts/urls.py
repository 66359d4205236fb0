from django.urls import path

from . import sso, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("unlock/<str:token>/", views.unlock, name="unlock"),
    path("sso/start/", sso.start, name="sso-start"),
    path("sso/callback/", sso.callback, name="sso-callback"),
    path("switch-partnership/", views.switch_partnership, name="switch-partnership"),
]
