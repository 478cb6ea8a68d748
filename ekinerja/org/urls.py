"""org URLs: each view module owns its urlpatterns; names are "org:<entity>-<action>"."""

from . import views, views_activation, views_import

app_name = "org"
urlpatterns = [*views.urlpatterns, *views_import.urlpatterns, *views_activation.urlpatterns]
