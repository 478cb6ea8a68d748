from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True when the request comes from htmx (and is not a history restore)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
