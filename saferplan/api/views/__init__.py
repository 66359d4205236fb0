"""The API's endpoints by resource: common (answers, pages, the list base), plans
(partnerships, plans and their structure), actions (actions, updates, RAG history and the
writes), data (measures and crime figures). Imported by urls.py only."""
