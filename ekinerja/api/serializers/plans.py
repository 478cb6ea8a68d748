"""Shapes of the planning (SKP) API: parsing requests (types, required fields, choices)
and rendering periods, SKP, RHK, IKI, expectations and lampiran. No rule lives here:
whatever the regulation or the workflow decides is the services' (ekinerja/plans/services),
whose messages come back unchanged (exceptions.py).
"""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ekinerja.plans import domain
from ekinerja.plans.access import skp_role
from ekinerja.plans.models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi, PeriodeKinerja

from ..fields import IdField, WholeNumberField


def _choices(model_choices: Any) -> list[tuple[str, str]]:
    return list(model_choices.choices)


# --- periods -----------------------------------------------------------------------------


class PeriodeSerializer(serializers.ModelSerializer):
    periodik_label = serializers.CharField(source="get_periodik_display", read_only=True)

    class Meta:
        model = PeriodeKinerja
        fields = [
            "id", "tahun", "periodik", "periodik_label", "perencanaan_mulai",
            "perencanaan_selesai",
        ]  # fmt: skip
        read_only_fields = fields


class PeriodeCreateSerializer(serializers.Serializer):
    tahun = WholeNumberField()
    periodik = serializers.ChoiceField(
        choices=_choices(PeriodeKinerja.Periodik), default=domain.PERIODIK_DEFAULT
    )
    perencanaan_mulai = serializers.DateField(required=False, allow_null=True, default=None)
    perencanaan_selesai = serializers.DateField(required=False, allow_null=True, default=None)


# --- SKP ---------------------------------------------------------------------------------


class IdentitasSerializer(serializers.Serializer):
    """A header block of the SKP (rules §8) as it was when the SKP was made."""

    id = serializers.IntegerField(allow_null=True, default=None)
    nama = serializers.CharField(default="")
    nip = serializers.CharField(default="")
    pangkat = serializers.CharField(default="")
    golongan = serializers.CharField(default="")
    jabatan = serializers.CharField(default="")
    unit = serializers.CharField(default="")


class SkpSerializer(serializers.ModelSerializer):
    """One row of a list; rendered from the SKP row alone (no related rows)."""

    tahun = serializers.IntegerField(source="tanggal_mulai.year", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    pendekatan_label = serializers.CharField(source="get_pendekatan_display", read_only=True)
    pegawai = IdentitasSerializer(source="snapshot.pegawai", read_only=True)
    penilai = IdentitasSerializer(source="snapshot.penilai", read_only=True, allow_null=True)

    class Meta:
        model = SKP
        fields = [
            "id", "periode", "tahun", "pegawai", "jabatan", "penilai", "tanggal_mulai",
            "tanggal_selesai", "pendekatan", "pendekatan_label", "status", "status_label",
            "versi", "sebelumnya", "alasan_dikembalikan", "submitted_at", "approved_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class NumberOrTextField(serializers.CharField):
    """A target number as JSON number or as text typed the Indonesian way (`12,5`,
    `1.234`): the domain parses it (domain.parse_number) and says what is wrong."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("default", None)
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)


extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}], "nullable": True})(
    NumberOrTextField
)


def _number(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=18, decimal_places=4, normalize_output=True, read_only=True, **kwargs
    )


class IkiSerializer(serializers.ModelSerializer):
    aspek_label = serializers.CharField(source="get_aspek_display", read_only=True)
    target_jenis_label = serializers.CharField(source="get_target_jenis_display", read_only=True)
    arah_label = serializers.CharField(source="get_arah_display", read_only=True)
    target_nilai = _number(allow_null=True)
    target_min = _number(allow_null=True)
    target_maks = _number(allow_null=True)

    class Meta:
        model = IKI
        fields = [
            "id", "rhk", "aspek", "aspek_label", "indikator", "target_jenis",
            "target_jenis_label", "target_nilai", "target_min", "target_maks", "target_teks",
            "satuan", "arah", "arah_label", "urutan",
        ]  # fmt: skip
        read_only_fields = fields


class IkiWriteSerializer(serializers.Serializer):
    aspek = serializers.ChoiceField(choices=_choices(IKI.Aspek))
    indikator = serializers.CharField(allow_blank=True)
    target_jenis = serializers.ChoiceField(choices=_choices(IKI.TargetJenis))
    target_nilai = NumberOrTextField()
    target_min = NumberOrTextField()
    target_maks = NumberOrTextField()
    target_teks = serializers.CharField(required=False, allow_blank=True, default="")
    satuan = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    # Rules §3: "turun" when a lower realisasi is better; left out on update, it is kept.
    arah = serializers.ChoiceField(
        # The model field declares its choices, so they are never None here.
        choices=cast("list[tuple[str, Any]]", IKI._meta.get_field("arah").choices),
        required=False,
    )


class RhkRefSerializer(serializers.ModelSerializer):
    """The supervisor's RHK an RHK intervenes in."""

    class Meta:
        model = RHK
        fields = ["id", "skp", "jenis", "teks"]
        read_only_fields = fields


class RhkSerializer(serializers.ModelSerializer):
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    intervensi = RhkRefSerializer(read_only=True, allow_null=True)
    iki = IkiSerializer(many=True, read_only=True)

    class Meta:
        model = RHK
        fields = ["id", "skp", "jenis", "jenis_label", "teks", "urutan", "intervensi", "iki"]
        read_only_fields = fields


class RhkWriteSerializer(serializers.Serializer):
    jenis = serializers.ChoiceField(choices=_choices(RHK.Jenis))
    teks = serializers.CharField(allow_blank=True)
    intervensi = IdField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id RHK pejabat penilai yang didukung (lihat /skp/{id}/intervensi/); "
        "kosong hanya di puncak kaskade.",
    )


class EkspektasiSerializer(serializers.ModelSerializer):
    """A BerAKHLAK value with its guides (rules §7, verbatim) and the penilai's
    expectation for this SKP."""

    nama = serializers.CharField(source="get_nilai_display", read_only=True)
    panduan = serializers.SerializerMethodField()

    class Meta:
        model = PerilakuEkspektasi
        fields = ["nilai", "nama", "panduan", "ekspektasi"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_panduan(self, obj: PerilakuEkspektasi) -> list[str]:
        return list(domain.berakhlak(obj.nilai).panduan)


class EkspektasiWriteSerializer(serializers.Serializer):
    ekspektasi = serializers.CharField(allow_blank=True)


class LampiranSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lampiran
        fields = ["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"]
        read_only_fields = fields


class LampiranWriteSerializer(serializers.Serializer):
    dukungan_sumber_daya = serializers.CharField(allow_blank=True)
    skema_pertanggungjawaban = serializers.CharField(allow_blank=True)
    konsekuensi = serializers.CharField(allow_blank=True)


class SkpDetailSerializer(SkpSerializer):
    """The whole SKP (rules §8): header, RHK utama then tambahan with their IKI and the
    RHK they intervene in, perilaku kerja with expectations, lampiran. Expects the
    queryset of selectors.skp_with_content."""

    atasan_penilai = IdentitasSerializer(
        source="snapshot.atasan_penilai", read_only=True, allow_null=True
    )
    rhk = RhkSerializer(many=True, read_only=True)
    perilaku = EkspektasiSerializer(source="ekspektasi", many=True, read_only=True)
    lampiran = LampiranSerializer(read_only=True, allow_null=True)
    peran = serializers.SerializerMethodField(
        help_text="Peran pemanggil pada SKP ini: owner, penilai, atau other."
    )

    class Meta(SkpSerializer.Meta):
        fields = [
            *SkpSerializer.Meta.fields,
            "atasan_penilai",
            "rhk",
            "perilaku",
            "lampiran",
            "peran",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(choices=[domain.OWNER, domain.PENILAI, domain.OTHER])
    )
    def get_peran(self, obj: SKP) -> str:
        return skp_role(self.context["actor"], obj)


class SkpCreateSerializer(serializers.Serializer):
    periode = IdField()
    pegawai = IdField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Kosong: pegawai pemanggil sendiri. Admin Instansi dapat mengisi pegawai lain.",
    )
    jabatan = IdField(
        required=False, allow_null=True, default=None, help_text="Kosong: jabatan saat ini."
    )
    pendekatan = serializers.ChoiceField(
        choices=_choices(SKP.Pendekatan), default=domain.KUANTITATIF
    )
    tanggal_mulai = serializers.DateField(required=False, allow_null=True, default=None)
    tanggal_selesai = serializers.DateField(required=False, allow_null=True, default=None)


class SkpFilterSerializer(serializers.Serializer):
    periode = IdField(required=False)
    status = serializers.ChoiceField(choices=_choices(SKP.Status), required=False)
    pegawai = IdField(required=False)
    current_only = serializers.BooleanField(
        required=False, default=False, help_text="Tanpa versi yang sudah direvisi."
    )


class QueueFilterSerializer(serializers.Serializer):
    periode = IdField(required=False)


class ReturnSerializer(serializers.Serializer):
    alasan = serializers.CharField(allow_blank=True, help_text="Alasan pengembalian.")


class BulkSerializer(serializers.Serializer):
    skp_ids = serializers.ListField(child=IdField(), allow_empty=True, max_length=500)


class BulkReturnSerializer(BulkSerializer):
    alasan = serializers.CharField(allow_blank=True)


class SkpListResultSerializer(serializers.Serializer):
    skp = SkpSerializer(many=True)
