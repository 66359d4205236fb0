"""The strategic assessments' pages, one module per resource: assessments (the list,
drafting, one assessment, its findings and risks, agreement, a plan's review) and the
priority-setting matrix (its issues, scores and the priorities' evidence). Imported by
urls.py only."""
