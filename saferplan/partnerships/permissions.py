"""Who may see and change partnerships, their organisations, groups and audit log."""

from django.utils.translation import gettext as _

from saferplan.core.permissions import PermissionPolicy
from saferplan.core.roles import ALL_ROLES, Role

from .models import Group, Organisation, Partnership, PoliceAndCrimePlan


class PartnershipPolicy(PermissionPolicy):
    model = Partnership
    partnership_path = ""
    roles_for_action = {
        "view": ALL_ROLES,
        # Edit the structure: groups, member organisations, people and roles.
        "manage": {Role.COORDINATOR},
        "view_audit_log": {Role.COORDINATOR},
    }


class GroupPolicy(PermissionPolicy):
    model = Group
    roles_for_action = {"view": ALL_ROLES, "change": {Role.COORDINATOR}}


class OrganisationPolicy(PermissionPolicy):
    """An organisation is shared between partnerships: any signed-in user may read the
    directory. Its name and details show in the plans and documents of every partnership it
    belongs to, so a coordinator may change it only when it belongs to their partnership(s)
    alone; one shared with a partnership they do not coordinate is changed by an
    administrator (ADR 0019)."""

    model = Organisation
    partnership_path = "partnerships"
    roles_for_action = {"change": {Role.COORDINATOR}}

    def user_may_view_directory(self, user) -> bool:
        return user.is_authenticated

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if user.is_authenticated and user.is_superuser:
            return True
        allowed = self.partnership_ids_for(user, action)
        belongs_to = {p.pk for p in instance.partnerships.all()}
        return bool(belongs_to) and belongs_to <= allowed

    def shared_beyond(self, user, instance) -> list:
        """The partnerships the organisation belongs to whose coordinator the user is not."""
        allowed = self.partnership_ids_for(user, "change")
        return [p for p in instance.partnerships.order_by("name") if p.pk not in allowed]


partnership_policy = PartnershipPolicy()
group_policy = GroupPolicy()
organisation_policy = OrganisationPolicy()


class PoliceAndCrimePlanPolicy:
    """A police and crime plan belongs to a police force area, not to one partnership: every
    member of a partnership there reads it, and a coordinator there records it. Its wording
    shows in the plans of every partnership that aligns a priority to it, so, as with shared
    organisations (ADR 0019), a coordinator changes it only while those partnerships are all
    ones they coordinate; otherwise an administrator does."""

    def may_view(self, user, pcc_plan: PoliceAndCrimePlan, partnership: Partnership) -> bool:
        """`partnership`: the one whose pages the user is on (partnership_for has checked
        they may view it)."""
        return pcc_plan.police_force == partnership.police_force

    def may_add(self, user, partnership: Partnership) -> bool:
        return partnership_policy.user_has_permission_for_instance(user, "manage", partnership)

    def may_change(self, user, pcc_plan: PoliceAndCrimePlan, partnership: Partnership) -> bool:
        if not self.may_view(user, pcc_plan, partnership):
            return False
        if user.is_authenticated and user.is_superuser:
            return True
        return self.may_add(user, partnership) and not self.shared_beyond(user, pcc_plan)

    def change_refused(self, user, pcc_plan: PoliceAndCrimePlan, partnership: Partnership):
        """Why the user may not change the plan (a sentence to show), or None when they may."""
        if self.may_change(user, pcc_plan, partnership):
            return None
        others = self.shared_beyond(user, pcc_plan)
        if others and self.may_add(user, partnership):
            return _(
                "Priorities of %(others)s are aligned to this plan, so its wording shows in "
                "their plans too: only a saferplan administrator can change it. Ask your "
                "administrator."
            ) % {"others": ", ".join(map(str, others))}
        return _("Only a coordinator of %(partnership)s can do this.") % {
            "partnership": partnership
        }

    def shared_beyond(self, user, pcc_plan: PoliceAndCrimePlan) -> list[Partnership]:
        """The partnerships whose priorities are aligned to the plan and whose coordinator
        the user is not."""
        coordinated = partnership_policy.partnership_ids_for(user, "manage")
        using = Partnership.objects.filter(
            plans__priorities__pcc_priorities__police_and_crime_plan=pcc_plan
        ).distinct()
        return list(using.exclude(pk__in=coordinated).order_by("name"))


police_and_crime_plan_policy = PoliceAndCrimePlanPolicy()
