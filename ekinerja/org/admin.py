from django.contrib import admin

from .models import Instansi


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "zona_waktu", "aktif"]
    search_fields = ["kode", "nama"]
