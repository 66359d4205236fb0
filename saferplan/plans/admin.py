from django.contrib import admin

from .models import DefaultRagDefinition


@admin.register(DefaultRagDefinition)
class DefaultRagDefinitionAdmin(admin.ModelAdmin):
    """The installation's default RAG key (reference data, docs/adr/0023): what the RAG key
    shows for a colour a partnership has not worded itself."""

    list_display = ["rating", "definition"]
    search_fields = ["definition"]
