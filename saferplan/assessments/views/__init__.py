"""The strategic assessments' pages, one module per resource: assessments (the list,
drafting, one assessment, its findings and risks, agreement, a plan's review), the files
kept with an assessment and the priority-setting matrix (its issues, scores and the
priorities' evidence). Imported by urls.py only."""
