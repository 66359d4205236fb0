"""What the partnerships app announces to the apps built on it, so that it never imports
them (plans listens: see PlansConfig.ready)."""

from django.dispatch import Signal

# Names of partnerships, organisations or groups changed in the current transaction; pages
# that show them must not keep the old ones. Sent with: partnership_ids (a list).
names_changed = Signal()

# A partnership's overview page is being drawn. Sent with: partnership, user. Each receiver
# (an app above partnerships: plans, notifications, reports) answers with a list of
# partnerships.selectors.OverviewRow to show there: plan status, the next board meeting,
# the latest board report.
overview_drawn = Signal()

# A partnership's structure page is being drawn. Sent with: partnership, user. Each receiver
# answers with a list of partnerships.selectors.LeadTable: who leads each part of its work
# (plans: each priority's lead).
structure_drawn = Signal()
