"""Shapes of the appraisal API (issue 5): parsing requests (types, required fields,
choices) and rendering evaluation periods, evaluations with their realisasi and
ratings, a unit's distribution curve, organisation predikat and penetapan.

No rule lives here: who may enter realisasi or rate, whether a predikat agrees with the
matrix, whether the curve allows penetapan — all of it is decided by
ekinerja/appraisal/services and access.py, whose messages come back unchanged
(exceptions.py). Request field names are the services' error keys (`nilai`, `teks`,
`rating_hasil_kerja`, `predikat`, `alasan`, …), so a 400 names the field the client sent.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, cast

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ekinerja.appraisal.domain import achievement, distribution, ratings
from ekinerja.appraisal.models import Evaluasi, Penetapan, PeriodePenilaian, PredikatOrganisasi

from ..fields import IdField
from .execution import PegawaiRefSerializer, _enum

PERAN_SAYA = "saya"
PERAN_PENILAI = "penilai"
STATUS_SEMUA = "semua"

PeriodeJenisField = _enum("PeriodePenilaianJenisEnum", PeriodePenilaian.Jenis)
PeriodeStatusField = _enum("PeriodePenilaianStatusEnum", PeriodePenilaian.Status)
EvaluasiStatusField = _enum("EvaluasiStatusEnum", Evaluasi.Status)
RatingField = _enum("RatingEnum", Evaluasi.Rating)
PredikatField = _enum("PredikatEnum", Evaluasi.Predikat)
PredikatOrganisasiField = _enum("PredikatOrganisasiEnum", PredikatOrganisasi.Predikat)
PenetapanStatusField = _enum("PenetapanStatusEnum", Penetapan.Status)


def _label(mapping: dict[str, Any], value: str | None) -> str | None:
    return str(mapping[value]) if value else None


# --- periods ---------------------------------------------------------------------------


class PeriodePenilaianSerializer(serializers.ModelSerializer):
    tahun = serializers.IntegerField(source="periode.tahun", read_only=True)
    jenis = PeriodeJenisField(read_only=True)
    # Output key `label`: DRF's metaclass moves it off the class, not Field.label.
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    status = PeriodeStatusField(read_only=True)

    class Meta:
        model = PeriodePenilaian
        fields = [
            "id", "tahun", "jenis", "nomor", "label", "tanggal_mulai", "tanggal_selesai",
            "status",
        ]  # fmt: skip
        read_only_fields = fields


class PeriodeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    # Output key `label`: DRF's metaclass moves it off the class, not Field.label.
    label = serializers.CharField()  # type: ignore[assignment]
    jenis = PeriodeJenisField()
    status = PeriodeStatusField()


class PeriodeFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[
            (PeriodePenilaian.Status.DIBUKA, PeriodePenilaian.Status.DIBUKA),
            (PeriodePenilaian.Status.DITUTUP, PeriodePenilaian.Status.DITUTUP),
            (STATUS_SEMUA, STATUS_SEMUA),
        ],
        required=False,
        default=PeriodePenilaian.Status.DIBUKA,
        help_text="Kosong: periode yang dibuka (pengisian dan penilaian berjalan).",
    )


class PeriodeParamSerializer(serializers.Serializer):
    """`?periode=<id>` where an endpoint acts on one evaluation period."""

    periode = IdField(
        help_text="Id periode penilaian (GET /penilaian/periode/).",
        error_messages={
            "required": gettext_lazy("Sebutkan periode penilaian (?periode=<id>)."),
            "invalid": gettext_lazy("Periode penilaian ditulis sebagai id angka."),
        },
    )


class KurvaParamSerializer(serializers.Serializer):
    periode = IdField(
        required=False,
        help_text="Id periode penilaian; kosong: bulan/triwulan terbaru yang dibuka.",
    )


# --- evaluations -----------------------------------------------------------------------


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()


class EvaluasiFilterSerializer(serializers.Serializer):
    periode = IdField(required=False, help_text="Id periode penilaian; kosong: semua periode.")
    peran = serializers.ChoiceField(
        choices=[(PERAN_SAYA, PERAN_SAYA), (PERAN_PENILAI, PERAN_PENILAI)],
        required=False,
        default=PERAN_SAYA,
        help_text="`saya`: evaluasi pemanggil sendiri; `penilai`: evaluasi pegawai yang "
        "dinilai pemanggil.",
    )


class _EvaluasiBase(serializers.ModelSerializer):
    periode = serializers.SerializerMethodField()
    pegawai = PegawaiRefSerializer(read_only=True)
    penilai = PegawaiRefSerializer(read_only=True, allow_null=True)
    jabatan = serializers.SerializerMethodField(help_text="Jabatan saat periode dibuka.")
    unit_kurva = UnitRefSerializer(read_only=True)
    status = EvaluasiStatusField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    rating_hasil_kerja = serializers.SerializerMethodField(help_text="Null sebelum dinilai.")
    rating_perilaku = serializers.SerializerMethodField()
    predikat = serializers.SerializerMethodField()
    predikat_label = serializers.SerializerMethodField()

    BASE_FIELDS = [
        "id", "periode", "pegawai", "penilai", "jabatan", "unit_kurva", "dalam_kurva",
        "status", "status_label", "rating_hasil_kerja", "rating_perilaku", "predikat",
        "predikat_label", "dinilai_at", "ditetapkan_at",
    ]  # fmt: skip

    @extend_schema_field(PeriodeRefSerializer)
    def get_periode(self, obj: Evaluasi) -> dict[str, Any]:
        p = obj.periode_penilaian
        return {"id": p.pk, "label": p.label, "jenis": p.jenis, "status": p.status}

    def get_jabatan(self, obj: Evaluasi) -> str:
        return (obj.snapshot.get("pegawai") or {}).get("jabatan") or obj.jabatan.nama

    @extend_schema_field(RatingField(allow_null=True))
    def get_rating_hasil_kerja(self, obj: Evaluasi) -> str | None:
        return obj.rating_hasil_kerja or None

    @extend_schema_field(RatingField(allow_null=True))
    def get_rating_perilaku(self, obj: Evaluasi) -> str | None:
        return obj.rating_perilaku or None

    @extend_schema_field(PredikatField(allow_null=True))
    def get_predikat(self, obj: Evaluasi) -> str | None:
        return obj.predikat or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_predikat_label(self, obj: Evaluasi) -> str | None:
        return _label(ratings.PREDIKAT_LABELS, obj.predikat)


class EvaluasiListSerializer(_EvaluasiBase):
    """One evaluation in a list, with the realisasi progress (`realisasi_terisi` of
    `realisasi_total` IKI; expects both annotated by
    appraisal.selectors.evaluasi.with_realisasi_progress)."""

    realisasi_terisi = serializers.IntegerField(source="realisasi_filled", read_only=True)
    realisasi_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Evaluasi
        fields = [*_EvaluasiBase.BASE_FIELDS, "realisasi_terisi", "realisasi_total"]
        read_only_fields = fields


class RealisasiSerializer(serializers.Serializer):
    """A realisasi as stored: the value (or the description of a kualitatif target),
    the capaian in percent (unrounded to 4 decimals; null when undefined: target 0 or a
    kualitatif target) and a note."""

    id = serializers.IntegerField()
    iki = serializers.IntegerField(source="iki_id")
    nilai = serializers.DecimalField(
        max_digits=18, decimal_places=4, normalize_output=True, allow_null=True
    )
    teks = serializers.CharField(allow_blank=True)
    capaian = serializers.DecimalField(
        max_digits=12, decimal_places=4, normalize_output=True, allow_null=True
    )
    capaian_text = serializers.SerializerMethodField(help_text="Capaian seperti di halaman.")
    catatan = serializers.CharField(allow_blank=True)
    updated_at = serializers.DateTimeField()

    def get_capaian_text(self, obj: Any) -> str:
        return achievement.capaian_text(obj.capaian)


class IkiRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="iki.pk")
    aspek = serializers.CharField(source="iki.aspek")
    indikator = serializers.CharField(source="iki.indikator")
    target_jenis = serializers.CharField(source="iki.target_jenis")
    target = serializers.CharField(help_text="Target seperti di SKP, mis. '12 dokumen'.")
    arah = serializers.CharField(source="iki.arah", help_text="`naik` atau `turun`.")
    realisasi = RealisasiSerializer(allow_null=True)


class RhkRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="rhk.pk")
    jenis = serializers.CharField(source="rhk.jenis")
    teks = serializers.CharField(source="rhk.teks")
    saran_rating = RatingField(
        source="rating",
        allow_null=True,
        help_text="Saran sistem untuk RHK ini dari capaian IKI-nya; null tanpa capaian.",
    )
    umpan_balik_penilai = serializers.CharField(allow_blank=True)
    iki = IkiRowSerializer(many=True)


class PerilakuRowSerializer(serializers.Serializer):
    nomor = serializers.IntegerField()
    nama = serializers.CharField()
    panduan = serializers.ListField(child=serializers.CharField())
    ekspektasi = serializers.CharField(allow_blank=True, help_text="Ekspektasi khusus pimpinan.")
    umpan_balik_penilai = serializers.CharField(allow_blank=True)


class PredikatOrganisasiRefSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    predikat = PredikatOrganisasiField()
    predikat_label = serializers.CharField()


class EvaluasiDetailSerializer(_EvaluasiBase):
    """One evaluation with its content (selectors.evaluasi.evaluasi_content, set by the
    view as `content`) and what the caller may do with it now."""

    peran = serializers.SerializerMethodField(help_text="`owner`, `penilai` atau `other`.")
    snapshot = serializers.JSONField(
        read_only=True,
        help_text="Identitas pegawai, pejabat penilai dan atasan pejabat penilai saat "
        "periode dibuka: {nama, nip, pangkat, golongan, jabatan, unit}.",
    )
    kepala_unit = serializers.IntegerField(
        source="kepala_unit_id",
        read_only=True,
        allow_null=True,
        help_text="Unit yang dikepalai pegawai (rating hasil kerjanya mengikuti predikat "
        "organisasi unit itu); null bila bukan kepala unit.",
    )
    saran_hasil_kerja = serializers.SerializerMethodField(
        help_text="Saran sistem yang tersimpan saat dinilai."
    )
    saran_sistem = serializers.SerializerMethodField(
        help_text="Saran rating hasil kerja dari capaian saat ini (tidak pernah dipaksakan)."
    )
    predikat_organisasi = serializers.SerializerMethodField(
        help_text="Untuk kepala unit: predikat organisasi unitnya pada periode ini."
    )
    rating_kepala_unit = serializers.SerializerMethodField(
        help_text="Untuk kepala unit: rating hasil kerja yang diberikan predikat organisasinya."
    )
    realisasi_terisi = serializers.SerializerMethodField()
    realisasi_total = serializers.SerializerMethodField()
    dapat_isi_realisasi = serializers.SerializerMethodField()
    dapat_menilai = serializers.SerializerMethodField()
    alasan_terkunci = serializers.SerializerMethodField(
        help_text="Bagi pegawai yang dinilai dan penilainya: mengapa evaluasi ini tidak "
        "dapat diubah sekarang; '' bila dapat (dan selalu '' bagi pembaca lain)."
    )
    rhk = serializers.SerializerMethodField()
    perilaku = serializers.SerializerMethodField()

    class Meta:
        model = Evaluasi
        fields = [
            *_EvaluasiBase.BASE_FIELDS, "peran", "snapshot", "kepala_unit",
            "saran_hasil_kerja", "saran_sistem", "predikat_organisasi", "rating_kepala_unit",
            "catatan_penilai", "aturan_versi", "sumber", "realisasi_terisi",
            "realisasi_total", "dapat_isi_realisasi", "dapat_menilai", "alasan_terkunci",
            "rhk", "perilaku",
        ]  # fmt: skip
        read_only_fields = fields

    def _content(self) -> Any:
        return self.context["content"]

    def get_peran(self, obj: Evaluasi) -> str:
        return self.context["peran"]

    @extend_schema_field(RatingField(allow_null=True))
    def get_saran_hasil_kerja(self, obj: Evaluasi) -> str | None:
        return obj.saran_hasil_kerja or None

    @extend_schema_field(RatingField(allow_null=True))
    def get_saran_sistem(self, obj: Evaluasi) -> str | None:
        return self._content().saran_hasil_kerja

    @extend_schema_field(PredikatOrganisasiRefSerializer(allow_null=True))
    def get_predikat_organisasi(self, obj: Evaluasi) -> dict[str, Any] | None:
        po = self._content().predikat_organisasi
        if po is None:
            return None
        return {
            "unit": {"id": po.unit.pk, "nama": po.unit.nama},
            "predikat": po.predikat,
            "predikat_label": str(ratings.PREDIKAT_ORGANISASI_LABELS[po.predikat]),
        }

    @extend_schema_field(RatingField(allow_null=True))
    def get_rating_kepala_unit(self, obj: Evaluasi) -> str | None:
        return self._content().head_rating

    def get_realisasi_terisi(self, obj: Evaluasi) -> int:
        return self._content().realisasi_filled

    def get_realisasi_total(self, obj: Evaluasi) -> int:
        return self._content().realisasi_total

    def get_dapat_isi_realisasi(self, obj: Evaluasi) -> bool:
        return self.context["dapat_isi_realisasi"]

    def get_dapat_menilai(self, obj: Evaluasi) -> bool:
        return self.context["dapat_menilai"]

    def get_alasan_terkunci(self, obj: Evaluasi) -> str:
        return self.context["alasan_terkunci"]

    @extend_schema_field(RhkRowSerializer(many=True))
    def get_rhk(self, obj: Evaluasi) -> list[dict[str, Any]]:
        # many=True makes a ListSerializer, whose data is a list (the stubs cannot tell).
        return cast("list[dict[str, Any]]", RhkRowSerializer(self._content().rhk, many=True).data)

    @extend_schema_field(PerilakuRowSerializer(many=True))
    def get_perilaku(self, obj: Evaluasi) -> list[dict[str, Any]]:
        # many=True makes a ListSerializer, whose data is a list (the stubs cannot tell).
        return cast(
            "list[dict[str, Any]]", PerilakuRowSerializer(self._content().perilaku, many=True).data
        )


@extend_schema_field(
    {
        "oneOf": [{"type": "string"}, {"type": "number"}],
        "nullable": True,
        "description": "Angka JSON, atau teks cara Indonesia: `12`, `12,5`, `1.234,5`.",
    }
)
class RealisasiNilaiField(serializers.Field):
    """A realisasi as a JSON number or as text typed the Indonesian way. Text goes to the
    service unchanged (services.realisasi.parse_realisasi decides, with its message); a
    JSON number is taken exactly (`1.234` is one point two three four, not 1234)."""

    default_error_messages = {
        "invalid": gettext_lazy("Realisasi harus berupa angka, mis. 12 atau 12,5."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str | int | Decimal:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            return data
        if isinstance(data, float):
            if not math.isfinite(data):
                self.fail("invalid")
            return Decimal(repr(data))
        if isinstance(data, str):
            return data
        self.fail("invalid")
        raise AssertionError  # unreachable: fail() raises

    def to_representation(self, value: Any) -> Any:
        return value


class RealisasiWriteSerializer(serializers.Serializer):
    """A numeric target (angka, rentang) needs `nilai`; a kualitatif one needs `teks`."""

    nilai = RealisasiNilaiField()
    teks = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="Uraian realisasi (wajib untuk target kualitatif).",
    )
    catatan = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False
    )


class RatingWriteSerializer(serializers.Serializer):
    """The penilai's rating. `predikat`, when sent, must be the one the matrix gives
    these ratings (rules §1); the stored predikat is always the matrix's."""

    rating_hasil_kerja = RatingField(
        required=False, allow_blank=True, default="", help_text="`di_atas`, `sesuai`, `di_bawah`."
    )
    rating_perilaku = RatingField(required=False, allow_blank=True, default="")
    predikat = PredikatField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Opsional: predikat yang diharapkan klien; ditolak bila tidak sesuai matriks.",
    )
    umpan_balik_rhk = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        allow_null=True,
        default=None,
        help_text="{id RHK: umpan balik}; menggantikan yang tersimpan; tidak dikirim: tetap.",
    )
    umpan_balik_perilaku = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        allow_null=True,
        default=None,
        help_text="{nomor nilai BerAKHLAK 1–7: umpan balik}; tidak dikirim: tetap.",
    )
    catatan = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False
    )


# --- curve, organisation predikat, penetapan -------------------------------------------


class CurveRowSerializer(serializers.Serializer):
    predikat = PredikatField()
    # Output key `label`: DRF's metaclass moves it off the class, not Field.label.
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()
    share = serializers.IntegerField(help_text="Persen dari n, dibulatkan.")


class CurveRuleSerializer(serializers.Serializer):
    predikat = serializers.ListField(child=PredikatField())
    op = serializers.ChoiceField(
        choices=[
            (distribution.AT_MOST, distribution.AT_MOST),
            (distribution.AT_LEAST, distribution.AT_LEAST),
        ],
        help_text="`le`: paling banyak; `ge`: paling sedikit.",
    )
    limit = serializers.IntegerField(help_text="Batas dalam orang untuk n saat ini.")
    count = serializers.IntegerField()
    ok = serializers.BooleanField()
    text = serializers.CharField()


class PredikatOrganisasiSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    periode = serializers.IntegerField(source="periode_penilaian_id", read_only=True)
    predikat = PredikatOrganisasiField(read_only=True)
    predikat_label = serializers.SerializerMethodField()

    class Meta:
        model = PredikatOrganisasi
        fields = ["id", "unit", "periode", "predikat", "predikat_label", "catatan", "updated_at"]
        read_only_fields = fields

    def get_predikat_label(self, obj: PredikatOrganisasi) -> str:
        return str(ratings.PREDIKAT_ORGANISASI_LABELS[obj.predikat])


class PenetapanSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    periode = serializers.IntegerField(source="periode_penilaian_id", read_only=True)
    status = PenetapanStatusField(read_only=True)
    predikat_organisasi = serializers.CharField(read_only=True, allow_blank=True)
    jumlah = serializers.DictField(
        child=serializers.IntegerField(), read_only=True, help_text="{predikat: orang}."
    )

    class Meta:
        model = Penetapan
        fields = [
            "id", "unit", "periode", "status", "predikat_organisasi", "jumlah",
            "jumlah_evaluasi", "aturan_versi", "ditetapkan_at", "dibuka_at", "alasan_dibuka",
        ]  # fmt: skip
        read_only_fields = fields


class KurvaSerializer(serializers.Serializer):
    """A unit's distribution for a period (selectors.kurva.CurveStatus): counts per
    predikat of the staff its curve counts, each rule of the curve its organisation
    predikat allows with the limit for this n and whether it holds, how many are not
    rated yet, and whether the unit is locked (ditetapkan)."""

    unit = UnitRefSerializer()
    periode = PeriodeRefSerializer()
    n = serializers.IntegerField(help_text="Pegawai dinilai yang dihitung kurva.")
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="{predikat: n}.")
    rows = CurveRowSerializer(many=True)
    belum_dinilai = serializers.IntegerField()
    jumlah_evaluasi = serializers.IntegerField(help_text="Evaluasi yang dikunci penetapan.")
    predikat_organisasi = PredikatOrganisasiField(allow_null=True)
    predikat_organisasi_label = serializers.CharField(allow_null=True)
    rules = CurveRuleSerializer(many=True, help_text="Kosong selama predikat organisasi belum ada.")
    ok = serializers.BooleanField(help_text="Penetapan dapat dilakukan dari sisi kurva.")
    ditetapkan = serializers.BooleanField()
    penetapan = PenetapanSerializer(allow_null=True)


class PredikatOrganisasiWriteSerializer(serializers.Serializer):
    predikat = PredikatOrganisasiField(
        required=False, allow_blank=True, default="", help_text="Predikat kinerja organisasi."
    )
    catatan = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False
    )


class ReopenSerializer(serializers.Serializer):
    alasan = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="Alasan pembukaan kembali (sedikitnya 10 karakter; dicatat di jejak audit).",
    )


class SiasnParamSerializer(PeriodeParamSerializer):
    format = serializers.ChoiceField(
        choices=[("json", "json"), ("csv", "csv"), ("xlsx", "xlsx")],
        required=False,
        default="json",
        help_text="`json`: rekaman SIASN yang lengkap (larik); `csv` atau `xlsx`: daftar "
        "dengan nama untuk dibaca di Excel (bukan untuk SIASN).",
    )
