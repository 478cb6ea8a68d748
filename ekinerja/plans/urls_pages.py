"""Planning pages: own SKP, editing, workflow, the penilai queue, periods."""

urlpatterns: list = []
