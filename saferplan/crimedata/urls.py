from django.urls import path

from . import views

app_name = "crimedata"
crime = "partnerships/<slug:slug>/crime/"
urlpatterns = [
    path(crime, views.overview, name="overview"),
    path(crime + "trend/", views.trend, name="trend"),
    path(crime + "trend.svg", views.trend_chart, name="trend-chart"),
    path(crime + "hotspots/", views.hotspots, name="hotspots"),
    path(crime + "hotspots.svg", views.hotspot_map, name="hotspot-map"),
    path(crime + "hotspots.geojson", views.hotspot_points, name="hotspot-points"),
    path(crime + "hotspots.docx", views.hotspots_document, {"kind": "docx"}, name="hotspots-docx"),
    path(crime + "hotspots.pdf", views.hotspots_document, {"kind": "pdf"}, name="hotspots-pdf"),
    path(crime + "county/", views.county, name="county"),
    path(crime + "peers/", views.peers, name="peers"),
    path(crime + "area/", views.area, name="area"),
    path(crime + "police-uk/", views.police_uk_upload, name="police-uk"),
    path(crime + "police-uk/fetch/", views.police_uk_fetch, name="police-uk-fetch"),
    path(crime + "police-uk/<int:pk>/replace/", views.police_uk_replace, name="police-uk-replace"),
    path(crime + "series/", views.series_list, name="series-list"),
    path(crime + "series/add/", views.series_add, name="series-add"),
    path(crime + "series/import/", views.series_import, name="series-import"),
    path(crime + "series/table/", views.comparison_table_import, name="comparison-table"),
    path(crime + "series/<int:pk>/", views.series_detail, name="series"),
    path(crime + "series/<int:pk>/edit/", views.series_edit, name="series-edit"),
    path(crime + "series/<int:pk>/delete/", views.series_delete, name="series-delete"),
    path(
        crime + "series/<int:pk>/values/<int:value_pk>/delete/",
        views.value_delete,
        name="value-delete",
    ),
]
