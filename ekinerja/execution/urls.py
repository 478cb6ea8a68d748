"""URLs of execution and coaching under the `execution` namespace (mounted at /kinerja/),
one module per group of pages."""

from .urls_aktivitas import urlpatterns as aktivitas
from .urls_bukti import urlpatterns as bukti
from .urls_pengingat import urlpatterns as pengingat
from .urls_rencana import urlpatterns as rencana
from .urls_umpan_balik import urlpatterns as umpan_balik
from .urls_verifikasi import urlpatterns as verifikasi

app_name = "execution"
urlpatterns = [*aktivitas, *rencana, *bukti, *verifikasi, *umpan_balik, *pengingat]
