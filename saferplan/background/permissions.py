"""Who may watch a background job: the coordinators and analysts of its partnership (those
who may start one), whoever started it."""

from saferplan.accounts.models import Role
from saferplan.core.permissions import PermissionPolicy

from .models import BackgroundJob


class BackgroundJobPolicy(PermissionPolicy):
    model = BackgroundJob
    roles_for_action = {"view": {Role.COORDINATOR, Role.ANALYST}}


background_job_policy = BackgroundJobPolicy()
