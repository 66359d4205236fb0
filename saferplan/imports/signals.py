"""What an import announces to the apps above it, so that imports never imports them (the
public app listens; see its apps.py)."""

from django.dispatch import Signal

# A plan document was imported, in the current transaction. Sent with: plan, actor,
# contacts (the text of its "Useful contact details" section, or "").
plan_imported = Signal()
