"""URLs of planning under the `plans` namespace, assembled from one module per group of
pages so that each group can grow on its own."""

from .urls_pages import urlpatterns as pages
from .urls_reports import urlpatterns as reports
from .urls_templates import urlpatterns as templates

app_name = "plans"
urlpatterns = [*pages, *reports, *templates]
