"""The plans' pages, one module per resource: plans (list, overview, table, status, refresh),
structure (priorities and objectives), actions, updates, and My actions. Imported by urls.py
only."""
