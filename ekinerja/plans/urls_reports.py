"""Planning reports: cascade, completeness, team matrix, PDF."""

urlpatterns: list = []
