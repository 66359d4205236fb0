"""Who may watch a background job: the coordinators and analysts of its partnership (those
who may start an import or a fetch), and whoever started it. A board report's document is
made for the person who asked for it (any member may): only they see it, and only while they
are a member of the partnership."""

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy

from .models import BackgroundJob


class BackgroundJobPolicy(PermissionPolicy):
    model = BackgroundJob
    roles_for_action = {"view": {Role.COORDINATOR, Role.ANALYST}, "view-own": ALL_ROLES}


background_job_policy = BackgroundJobPolicy()


def may_see_job(user, job: BackgroundJob) -> bool:
    if job.started_by_id is not None and job.started_by_id == user.pk:
        return background_job_policy.user_has_permission_for_instance(user, "view-own", job)
    if job.is_document:
        return False
    return background_job_policy.user_has_permission_for_instance(user, "view", job)
