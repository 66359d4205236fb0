from django.contrib import admin

from .models import Group, Organisation, Partnership


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "police_force"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind"]
    list_filter = ["kind", "partnerships"]
    search_fields = ["name", "abbreviation"]
    filter_horizontal = ["partnerships"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "kind", "reports_to"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name"]
    filter_horizontal = ["member_organisations"]
