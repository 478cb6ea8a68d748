from typing import cast

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?page=` and `?page_size=` (at most 200, so one request stays bounded)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # Lazy, so it is translated per request; DRF formats it as a str.
    invalid_page_message = cast(str, _("Halaman tersebut tidak ada."))
