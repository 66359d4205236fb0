from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "saferplan.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from saferplan.attachments.receivers import files_go_with
        from saferplan.partnerships.signals import overview_drawn
        from saferplan.plans.signals import action_page_drawn, plan_page_drawn, plan_refreshed

        from .models import Meeting
        from .receivers import (
            on_action_page_drawn,
            on_overview_drawn,
            on_plan_page_drawn,
            on_plan_refreshed,
        )

        # Connected once, however often ready() runs (dispatch_uid).
        overview_drawn.connect(on_overview_drawn, dispatch_uid="meetings.overview_drawn")
        plan_refreshed.connect(on_plan_refreshed, dispatch_uid="meetings.plan_refreshed")
        action_page_drawn.connect(on_action_page_drawn, dispatch_uid="meetings.action_page")
        plan_page_drawn.connect(on_plan_page_drawn, dispatch_uid="meetings.plan_page")
        files_go_with(Meeting, "papers")
