from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from saferplan.accounts import views as accounts_views
from saferplan.core import urls as core_urls
from saferplan.plans.views import my_actions as my_actions_views

# The site's own pages, named core:home, core:accessibility and core:healthz. The home page
# leads the signed-in person to the page of their role, so accounts draws it; core imports no
# app, so the two are put under one name here.
site_pages = [path("", accounts_views.home, name="home"), *core_urls.urlpatterns]

# Every page in English at its usual address and in Welsh under /cy/ (ADR 0032); the API
# (JSON for machines) and Django's admin are English only.
urlpatterns = [
    path("api/", include("saferplan.api.urls")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include((site_pages, "core"))),
    path("accounts/", include("saferplan.accounts.urls")),
    path("partnerships/", include("saferplan.partnerships.urls")),
    path("partnerships/", include("saferplan.plans.urls")),
    path("partnerships/", include("saferplan.imports.urls")),
    path("partnerships/", include("saferplan.meetings.urls")),
    path("partnerships/", include("saferplan.funding.urls")),
    path("", include("saferplan.crimedata.urls")),
    path("", include("saferplan.indicators.urls")),
    path("", include("saferplan.assessments.urls")),
    path("", include("saferplan.duties.urls")),
    path("", include("saferplan.consultations.urls")),
    path("", include("saferplan.reports.urls")),
    path("", include("saferplan.public.urls")),
    path("my-actions/", my_actions_views.my_actions, name="my-actions"),
    path("my-partnerships/", accounts_views.my_partnerships, name="my-partnerships"),
    path("organisations/", include("saferplan.partnerships.organisation_urls")),
    path("", include("saferplan.notifications.urls")),
    path("", include("saferplan.background.urls")),
    path("accounts/api-tokens/", include("saferplan.api.token_urls")),
    prefix_default_language=False,
)

handler403 = "saferplan.core.views.permission_denied"
handler404 = "saferplan.core.views.page_not_found"
handler500 = "saferplan.core.views.server_error"

admin.site.site_header = "saferplan administration"
admin.site.site_title = "saferplan administration"
