"""URLs of the appraisal under the `appraisal` namespace (mounted at /penilaian/), one
module per group of pages."""

from .urls_admin import urlpatterns as admin
from .urls_dokumen import urlpatterns as dokumen
from .urls_evaluasi import urlpatterns as evaluasi
from .urls_laporan import urlpatterns as laporan
from .urls_penilaian import urlpatterns as penilaian
from .urls_siasn import urlpatterns as siasn
from .urls_unit import urlpatterns as unit

app_name = "appraisal"
urlpatterns = [*evaluasi, *penilaian, *unit, *admin, *dokumen, *laporan, *siasn]
