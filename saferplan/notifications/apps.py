from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "saferplan.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from saferplan.plans.signals import action_changed

        from .receivers import on_action_changed

        # Connected once, however often ready() runs (dispatch_uid).
        action_changed.connect(on_action_changed, dispatch_uid="notifications.action_changed")
