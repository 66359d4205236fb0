"""What plans announce to the apps built on them, so that plans never imports them (the
notifications app listens; see its apps.py)."""

from django.dispatch import Signal

# An action has a new update or RAG rating, saved in the current transaction.
# Sent with: action, actor (None for the system), update (or None), rag_change (or None).
action_changed = Signal()
