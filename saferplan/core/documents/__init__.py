"""Document building every app shares: Word (python-docx) and PDF (WeasyPrint), accessible
as the Public Sector Bodies Accessibility Regulations ask. What a document holds is each
app's business (reports, the published plan, crime data); how it is built is here."""
