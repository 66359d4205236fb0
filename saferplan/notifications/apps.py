from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "saferplan.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from saferplan.partnerships.signals import overview_drawn
        from saferplan.plans.signals import action_changed, plan_refreshed

        from .receivers import on_action_changed, on_overview_drawn, on_plan_refreshed

        # Connected once, however often ready() runs (dispatch_uid).
        action_changed.connect(on_action_changed, dispatch_uid="notifications.action_changed")
        overview_drawn.connect(on_overview_drawn, dispatch_uid="notifications.overview_drawn")
        plan_refreshed.connect(on_plan_refreshed, dispatch_uid="notifications.plan_refreshed")
