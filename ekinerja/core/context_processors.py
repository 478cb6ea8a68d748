from django.http import HttpRequest


def actor(request: HttpRequest) -> dict:
    return {"actor": getattr(request, "actor", None)}
