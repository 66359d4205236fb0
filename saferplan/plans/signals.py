"""What plans announce to the apps built on them, so that plans never imports them (the
notifications app listens; see its apps.py)."""

from django.dispatch import Signal

# An action has a new update or RAG rating, saved in the current transaction.
# Sent with: action, actor (None for the system), update (or None), rag_change (or None).
action_changed = Signal()

# Next year's plan was made from a plan (the annual refresh), in the current transaction.
# Sent with: plan (last year's), new_plan, actor (None for the system), refreshed_on (the day:
# what is dated after it belongs to the new plan).
plan_refreshed = Signal()

# An action's page is being drawn. Sent with: action, user. Each receiver (an app above plans:
# meetings) answers with a list of partnerships.selectors.OverviewRow to show among the
# action's details: the meeting that agreed it.
action_page_drawn = Signal()

# A plan's page is being drawn. Sent with: plan, user. Each receiver (meetings) answers with a
# list of partnerships.selectors.OverviewRow for the plan's sign-off: the decisions that
# approved it.
plan_page_drawn = Signal()

# An action's details are about to change (plans.services.action_update), before anything is
# written. Sent with: action, fields (the new values). A receiver refuses the change by
# raising ValidationError: duties keeps a statutory review's action OFFICIAL-SENSITIVE.
action_changing = Signal()
