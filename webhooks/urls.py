from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("", views.endpoint_list, name="endpoint-list"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint-detail"),
    path("<int:pk>/toggle/", views.endpoint_toggle, name="endpoint-toggle"),
    path("<int:pk>/delete/", views.endpoint_delete, name="endpoint-delete"),
    path(
        "<int:pk>/deliveries/<int:delivery_pk>/redeliver/",
        views.delivery_redeliver,
        name="delivery-redeliver",
    ),
]
