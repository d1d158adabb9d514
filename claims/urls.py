from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/new/", views.claim_create_view, name="claim-create"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/edit/", views.claim_edit, name="claim-edit"),
    path("claims/<int:pk>/status/", views.claim_status, name="claim-status"),
    path("claims/<int:pk>/corroborate/", views.claim_corroborate, name="claim-corroborate"),
    path(
        "claims/<int:pk>/attributions/<int:attribution_pk>/delete/",
        views.attribution_delete_view,
        name="attribution-delete",
    ),
    path("relations/new/", views.relation_create_view, name="relation-create"),
    path("relations/<int:pk>/delete/", views.relation_delete_view, name="relation-delete"),
    path("events/", views.event_list, name="event-list"),
    path("events/new/", views.event_create_view, name="event-create"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event-edit"),
    path("events/<int:pk>/merge/", views.event_merge_view, name="event-merge"),
    path("flags/bulk/", views.flag_bulk, name="flag-bulk"),
    path("flags/<int:pk>/", views.flag_detail, name="flag-detail"),
    path("flags/<int:pk>/<slug:action>/", views.flag_action, name="flag-action"),
]
