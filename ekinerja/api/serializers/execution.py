"""Shapes of the execution and coaching API (issue 4 item 7): parsing requests (types,
required fields, choices) and rendering activities, evidence, rencana aksi,
verification results, monthly summaries, feedback threads and coaching notes.

No rule lives here: what may be logged, uploaded, verified or written is decided by
ekinerja/execution/services and access.py, whose messages come back unchanged
(exceptions.py). Request field names are the services' error keys (`tanggal`,
`jam_selesai`, `menit`, `rhk`, `berkas`, …), so a 400 names the field the client sent.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ekinerja.execution import domain
from ekinerja.execution.models import (
    Aktivitas,
    BimbinganKinerja,
    BuktiDukung,
    RencanaAksi,
    UmpanBalik,
)

from ..fields import IdField, WholeNumberField

MAX_IDS = 500


def _choices(model_choices: Any) -> list[tuple[str, str]]:
    return list(model_choices.choices)


def _optional_int(**kwargs: Any) -> serializers.IntegerField:
    return WholeNumberField(required=False, allow_null=True, default=None, **kwargs)


def _optional_id(**kwargs: Any) -> serializers.IntegerField:
    return IdField(required=False, allow_null=True, default=None, **kwargs)


class DayField(serializers.DateField):
    """A date of the activity log's years (execution.domain.EARLIEST_DAY..LATEST_DAY):
    year 1 or 9999 is a 400 saying so, as on the pages."""

    def to_internal_value(self, value: Any) -> Any:
        day = super().to_internal_value(value)
        message = domain.day_range_error(day)
        if message:
            raise serializers.ValidationError(message)
        return day


def _optional_date(**kwargs: Any) -> serializers.DateField:
    return DayField(required=False, allow_null=True, default=None, **kwargs)


def _decimal(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        normalize_output=True,
        **kwargs,
    )


class EnumField(serializers.ChoiceField):
    """A choice field whose choices its class fixes (`enum_choices`); made by `_enum`."""

    enum_choices: ClassVar[list[tuple[str, str]]]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.enum_choices, **kwargs)


def _enum(name: str, model_choices: Any) -> type[EnumField]:
    """A choice field whose enum is its own schema component `name` (drf-spectacular
    would otherwise name it after the field, colliding with plans' `status`/`jenis`)."""
    choices = _choices(model_choices)

    class Field(EnumField):
        enum_choices = choices

    Field.__name__ = Field.__qualname__ = f"{name}Field"
    schema = {"type": "string", "enum": [value for value, _label in choices]}
    return extend_schema_field(schema, component_name=name)(Field)


AktivitasStatusField = _enum("AktivitasStatusEnum", Aktivitas.Status)
AktivitasSumberField = _enum("AktivitasSumberEnum", Aktivitas.Sumber)
BuktiJenisField = _enum("BuktiJenisEnum", BuktiDukung.Jenis)
TopikField = _enum("UmpanBalikTopikEnum", UmpanBalik.Topik)


class PegawaiRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField(source="nama_lengkap")
    nip = serializers.CharField(allow_null=True)


class AnomaliSerializer(serializers.Serializer):
    kode = serializers.CharField()
    # Output key `label`: DRF's metaclass moves it off the class, not Field.label.
    label = serializers.CharField()  # type: ignore[assignment]


# --- bukti dukung ----------------------------------------------------------------------


class BuktiSerializer(serializers.ModelSerializer):
    """An evidence item's metadata; a file is fetched from `unduh` (never a storage path)."""

    jenis = BuktiJenisField(read_only=True)
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    unduh = serializers.SerializerMethodField(
        help_text="Alamat unduhan berkas (GET, dengan token); null untuk tautan."
    )

    class Meta:
        model = BuktiDukung
        fields = [
            "id", "pegawai", "aktivitas", "rencana_aksi", "rhk", "jenis", "jenis_label",
            "nama_berkas", "ekstensi", "content_type", "ukuran", "sha256", "tautan",
            "keterangan", "created_at", "unduh",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_unduh(self, obj: BuktiDukung) -> str | None:
        if obj.jenis != BuktiDukung.Jenis.BERKAS:
            return None
        return reverse("api:bukti-unduh", args=[obj.pk])


class BuktiWriteSerializer(serializers.Serializer):
    """A file (multipart) or a link (JSON or form); the file's content, size and name are
    checked by services.bukti, exactly as on the upload page."""

    berkas = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        allow_empty_file=True,
        use_url=False,
        help_text="PDF, JPG, PNG, DOCX atau XLSX (multipart/form-data).",
    )
    tautan = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500, help_text="Atau tautan."
    )
    keterangan = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("berkas") is None and not attrs.get("tautan", "").strip():
            raise serializers.ValidationError(
                {"berkas": [_("Kirim satu berkas atau satu tautan sebagai bukti dukung.")]}
            )
        if attrs.get("berkas") is not None and attrs.get("tautan", "").strip():
            raise serializers.ValidationError(
                {"tautan": [_("Kirim berkas atau tautan, tidak keduanya sekaligus.")]}
            )
        return attrs


# --- aktivitas -------------------------------------------------------------------------


class AktivitasSerializer(serializers.ModelSerializer):
    """One activity with its evidence (expects `bukti` prefetched and `pegawai` loaded)."""

    pegawai = PegawaiRefSerializer(read_only=True)
    status = AktivitasStatusField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    sumber = AktivitasSumberField(read_only=True)
    sumber_label = serializers.CharField(source="get_sumber_display", read_only=True)
    output_jumlah = serializers.DecimalField(
        max_digits=12, decimal_places=2, normalize_output=True, read_only=True, allow_null=True
    )
    anomali = serializers.SerializerMethodField(help_text="Tanda untuk atasan.")
    bukti = BuktiSerializer(many=True, read_only=True)

    class Meta:
        model = Aktivitas
        fields = [
            "id", "pegawai", "tanggal", "jam_mulai", "jam_selesai", "menit", "uraian", "rhk",
            "rencana_aksi", "output_jumlah", "output_satuan", "status", "status_label",
            "alasan_tolak", "verified_by", "verified_at", "ditandai", "anomali", "sumber",
            "sumber_label", "bukti", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(AnomaliSerializer(many=True))
    def get_anomali(self, obj: Aktivitas) -> list[dict[str, str]]:
        return [
            {"kode": code, "label": str(domain.ANOMALI_LABELS.get(code, code))}
            for code in obj.anomali or []
        ]


class AktivitasWriteSerializer(serializers.Serializer):
    """Either `jam_mulai` and `jam_selesai`, or `menit` (services.aktivitas decides)."""

    tanggal = DayField()
    uraian = serializers.CharField(allow_blank=True, trim_whitespace=False)
    jam_mulai = serializers.TimeField(required=False, allow_null=True, default=None)
    jam_selesai = serializers.TimeField(required=False, allow_null=True, default=None)
    menit = _optional_int(help_text="Durasi bila jam tidak diisi.")
    rhk = _optional_id(help_text="Id RHK dari SKP sendiri.")
    rencana_aksi = _optional_id()
    output_jumlah = _decimal()
    output_satuan = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=64
    )


class AktivitasCreateSerializer(AktivitasWriteSerializer):
    """JSON, or multipart/form-data with an optional evidence file in `berkas`."""

    berkas = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        allow_empty_file=True,
        use_url=False,
        help_text="Bukti dukung (multipart/form-data), opsional.",
    )
    tautan = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500, help_text="Opsional."
    )


class AktivitasFilterSerializer(serializers.Serializer):
    dari = DayField(required=False)
    sampai = DayField(required=False)
    status = AktivitasStatusField(required=False)


class SalinSerializer(serializers.Serializer):
    dari = DayField(help_text="Hari yang disalin.")
    ke = DayField(help_text="Hari tujuan.")


class AktivitasListResultSerializer(serializers.Serializer):
    aktivitas = AktivitasSerializer(many=True)


# --- rencana aksi ----------------------------------------------------------------------


class RencanaAksiSerializer(serializers.ModelSerializer):
    periode_label = serializers.SerializerMethodField()
    target_jumlah = serializers.DecimalField(
        max_digits=14, decimal_places=2, normalize_output=True, read_only=True, allow_null=True
    )

    class Meta:
        model = RencanaAksi
        fields = [
            "id", "pegawai", "rhk", "tahun", "periodik", "periode_ke", "periode_label",
            "uraian", "target_jumlah", "target_satuan", "catatan_penilai", "catatan_oleh",
            "catatan_at", "urutan", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_periode_label(self, obj: RencanaAksi) -> str:
        return domain.period_label(obj.tahun, obj.periodik, obj.periode_ke)


class RencanaAksiWriteSerializer(serializers.Serializer):
    periode_ke = WholeNumberField(help_text="Bulan 1–12, atau triwulan 1–4.")
    uraian = serializers.CharField(allow_blank=True)
    target_jumlah = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    target_satuan = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=64
    )


class KomentarSerializer(serializers.Serializer):
    catatan = serializers.CharField(allow_blank=True, help_text="Catatan pejabat penilai.")


# --- verifikasi and ringkasan ----------------------------------------------------------


class VerifikasiFilterSerializer(serializers.Serializer):
    pegawai = IdField(required=False)
    dari = DayField(required=False, help_text="Kosong: awal bulan lalu.")
    sampai = DayField(required=False, help_text="Kosong: hari ini.")
    rhk = IdField(required=False)
    ditandai = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Hanya yang bertanda anomali."
    )


class IdsSerializer(serializers.Serializer):
    ids = serializers.ListField(child=IdField(), allow_empty=True, max_length=MAX_IDS)


class RejectSerializer(IdsSerializer):
    alasan = serializers.CharField(allow_blank=True, help_text="Alasan penolakan.")


class JumlahSerializer(serializers.Serializer):
    jumlah = serializers.IntegerField(help_text="Banyaknya aktivitas yang diputuskan.")


class RingkasanFilterSerializer(serializers.Serializer):
    bulan = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        help_text="YYYY-MM; kosong: bulan ini.",
        error_messages={"invalid": gettext_lazy("Tulis bulan sebagai YYYY-MM, misalnya 2026-03.")},
    )

    def validate_bulan(self, value: str) -> str:
        message = domain.month_range_error(int(value[:4]))
        if message:
            raise serializers.ValidationError(message)
        return value

    unit = serializers.RegexField(
        r"^(\d{1,18}|bawahan)$",
        required=False,
        help_text="Id unit kerja, atau `bawahan` (bawahan langsung); kosong: cakupan sendiri.",
        error_messages={"invalid": gettext_lazy("Isi id unit kerja atau `bawahan`.")},
    )


class SelSerializer(serializers.Serializer):
    jumlah = serializers.IntegerField()
    menit = serializers.IntegerField()


class RingkasanRowSerializer(serializers.Serializer):
    """One person's month: activities and minutes per status (`diajukan`: still
    waiting), the total, and how many carry an anomaly flag."""

    pegawai = PegawaiRefSerializer()
    diajukan = SelSerializer()
    diverifikasi = SelSerializer()
    ditolak = SelSerializer()
    total = SelSerializer()
    ditandai = serializers.IntegerField()


class RingkasanPageSerializer(serializers.Serializer):
    """The month and one page of people (`?page=`, `?page_size=` as every list)."""

    bulan = serializers.CharField()
    dari = serializers.DateField()
    sampai = serializers.DateField()
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = RingkasanRowSerializer(many=True)


# --- umpan balik and bimbingan -------------------------------------------------------------


class UmpanBalikSerializer(serializers.ModelSerializer):
    """One message; on a thread's first message, `topik`, `rhk` and `nilai_berakhlak`."""

    pegawai = PegawaiRefSerializer(read_only=True)
    penulis = PegawaiRefSerializer(read_only=True)
    topik = TopikField(read_only=True)
    topik_label = serializers.CharField(source="get_topik_display", read_only=True)

    class Meta:
        model = UmpanBalik
        fields = [
            "id", "pegawai", "penulis", "induk", "topik", "topik_label", "rhk",
            "nilai_berakhlak", "teks", "created_at", "last_at",
        ]  # fmt: skip
        read_only_fields = fields


class UmpanBalikThreadSerializer(UmpanBalikSerializer):
    """A thread's first message and its replies, oldest first (`balasan_list` set by
    the view from selectors.umpan_balik.thread_replies)."""

    balasan = UmpanBalikSerializer(source="balasan_list", many=True, read_only=True)

    class Meta(UmpanBalikSerializer.Meta):
        fields = [*UmpanBalikSerializer.Meta.fields, "balasan"]
        read_only_fields = fields


class UmpanBalikCreateSerializer(serializers.Serializer):
    pegawai = IdField(help_text="Bawahan langsung yang diberi umpan balik.")
    topik = TopikField()
    teks = serializers.CharField(allow_blank=True)
    rhk = _optional_id(help_text="Untuk topik rhk.")
    nilai_berakhlak = _optional_int(help_text="1–7, untuk topik perilaku.")


class BalasSerializer(serializers.Serializer):
    teks = serializers.CharField(allow_blank=True)


ARAH_DITULIS = "ditulis"


class UmpanBalikFilterSerializer(serializers.Serializer):
    pegawai = IdField(
        required=False,
        help_text="Umpan balik kepada pegawai ini (bagi yang berwenang membaca datanya); "
        "kosong: milik pemanggil.",
    )
    arah = serializers.ChoiceField(
        choices=[("semua", "semua"), ("diterima", "diterima"), ("diberikan", "diberikan")],
        required=False,
        help_text="Tanpa `pegawai`: semua, yang diterima, atau yang diberikan pemanggil.",
    )


class BimbinganFilterSerializer(serializers.Serializer):
    pegawai = IdField(
        required=False,
        help_text="Catatan untuk pegawai ini (bagi yang berwenang membaca datanya); "
        "kosong: untuk pemanggil.",
    )
    arah = serializers.ChoiceField(
        choices=[(ARAH_DITULIS, ARAH_DITULIS)],
        required=False,
        help_text="`ditulis`: catatan yang ditulis pemanggil untuk bawahannya.",
    )


class BimbinganSerializer(serializers.ModelSerializer):
    pegawai = PegawaiRefSerializer(read_only=True)
    pembimbing = PegawaiRefSerializer(read_only=True)

    class Meta:
        model = BimbinganKinerja
        fields = [
            "id", "pegawai", "pembimbing", "tanggal", "topik", "catatan", "tindak_lanjut",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class BimbinganWriteSerializer(serializers.Serializer):
    tanggal = DayField()
    topik = serializers.CharField(allow_blank=True, max_length=200)
    catatan = serializers.CharField(allow_blank=True)
    tindak_lanjut = serializers.CharField(required=False, allow_blank=True, default="")


class BimbinganCreateSerializer(BimbinganWriteSerializer):
    pegawai = IdField(help_text="Bawahan langsung.")
