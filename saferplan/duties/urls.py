from django.urls import path

from .models import Register
from .views import access, case_reviews, death_reviews, duties

app_name = "duties"
register = "partnerships/<slug:slug>/case-reviews/"
death = "partnerships/<slug:slug>/death-reviews/"
ASB = {"register": Register.ASB_CASE_REVIEWS}
DARDR = {"register": Register.DEATH_REVIEWS}
PREVENT = {"register": Register.PREVENT}
urlpatterns = [
    path("partnerships/<slug:slug>/duties/", duties.duties, name="duties"),
    path(
        "partnerships/<slug:slug>/duties/serious-violence/",
        duties.serious_violence,
        name="serious-violence",
    ),
    path("partnerships/<slug:slug>/duties/prevent/", duties.prevent, name="prevent"),
    path(
        "partnerships/<slug:slug>/duties/prevent/access/",
        access.access,
        PREVENT,
        name="prevent-access",
    ),
    path(
        "partnerships/<slug:slug>/duties/prevent/access/<int:pk>/end/",
        access.access_end,
        PREVENT,
        name="prevent-access-end",
    ),
    path(register, case_reviews.register, name="register"),
    path(register + "add/", case_reviews.case_add, name="case-add"),
    path(register + "access/", access.access, ASB, name="access"),
    path(register + "access/<int:pk>/end/", access.access_end, ASB, name="access-end"),
    path(register + "timescales/", case_reviews.timescales, name="timescales"),
    path(
        register + "figures/<int:year>/publish/",
        case_reviews.figures_publish,
        name="figures-publish",
    ),
    path(
        register + "figures/<int:year>/withdraw/",
        case_reviews.figures_withdraw,
        name="figures-withdraw",
    ),
    path(register + "<int:pk>/", case_reviews.case_detail, name="case"),
    path(register + "<int:pk>/threshold/", case_reviews.threshold, name="threshold"),
    path(register + "<int:pk>/review/", case_reviews.review, name="review"),
    path(
        register + "<int:pk>/recommendations/add/",
        case_reviews.recommendation_add,
        name="recommendation-add",
    ),
    # Domestic Abuse Related Death Reviews.
    path(death, death_reviews.register, name="death-register"),
    path(death + "add/", death_reviews.review_add, name="death-add"),
    path(death + "access/", access.access, DARDR, name="death-access"),
    path(death + "access/<int:pk>/end/", access.access_end, DARDR, name="death-access-end"),
    path(death + "<int:pk>/", death_reviews.review_detail, name="death-review"),
    path(death + "<int:pk>/decision/", death_reviews.decide, name="death-decision"),
    path(death + "<int:pk>/progress/", death_reviews.progress, name="death-progress"),
    path(death + "<int:pk>/publish/", death_reviews.publish, name="death-publish"),
    path(
        death + "<int:pk>/recommendations/add/",
        death_reviews.recommendation_add,
        name="death-recommendation-add",
    ),
    path(
        death + "<int:pk>/recommendations/publish/",
        death_reviews.recommendations_publish,
        name="death-recommendations-publish",
    ),
]
