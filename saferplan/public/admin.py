from django.contrib import admin

from .models import DefaultGlossaryTerm


@admin.register(DefaultGlossaryTerm)
class DefaultGlossaryTermAdmin(admin.ModelAdmin):
    """The installation's default crime glossary (reference data, docs/adr/0023): what every
    partnership's published plan shows until its coordinator makes the glossary their own."""

    list_display = ["term", "position"]
    list_editable = ["position"]
    search_fields = ["term", "definition"]
