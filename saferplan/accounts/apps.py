from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "saferplan.accounts"
    label = "accounts"
    verbose_name = "People and roles"
