"""The appraisal over REST (issue 5): staff enter realisasi and read their evaluations
from the phone, the penilai rates, unit managers watch the distribution curve, set the
organisation predikat and do the penetapan, the Admin Instansi reopens one, and the
SIASN records stream out.

Each view parses the request (serializers/appraisal.py), gets objects through
appraisal.access (another agency's row: 404; the same agency without the right: 403),
calls one appraisal service, and renders the result. The services raise
ValidationError / PermissionDenied / Http404, which exceptions.py turns into 400 / 403
/ 404 with their messages, exactly as for execution (views/execution.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponseBase
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from ekinerja.appraisal import access, exports
from ekinerja.appraisal.domain import ratings
from ekinerja.appraisal.models import Evaluasi, PeriodePenilaian
from ekinerja.appraisal.selectors import unit as unit_selectors
from ekinerja.appraisal.selectors.evaluasi import evaluasi_content, with_realisasi_progress
from ekinerja.appraisal.selectors.kurva import CurveStatus, curve_status
from ekinerja.appraisal.services import penetapan as penetapan_services
from ekinerja.appraisal.services import penilaian as penilaian_services
from ekinerja.appraisal.services import realisasi as realisasi_services
from ekinerja.org.access import org_scope

from ..serializers import appraisal as s
from .auth import ERRORS
from .base import ApiGenericView, ApiView, parse

E400, E403, E404 = ERRORS[400], ERRORS[403], ERRORS[404]
READ_ERRORS = {400: E400, 401: ERRORS[401], 403: E403, 404: E404}
LIST_ERRORS = {400: E400, 401: ERRORS[401], 403: E403, 404: E404}
WRITE_ERRORS = {400: E400, 401: ERRORS[401], 403: E403, 404: E404}


def _periode(view: ApiView | ApiGenericView) -> PeriodePenilaian:
    """The evaluation period of `?periode=` (400 without one, 404 for another agency's)."""
    data = parse(s.PeriodeParamSerializer, view.request.query_params)
    return access.access_periode_penilaian(actor=view.actor, id=data["periode"])


# --- periods ---------------------------------------------------------------------------


class PeriodePenilaianListView(ApiGenericView):
    """The caller's instansi's evaluation periods, newest first: by default the open ones
    (where realisasi, rating and penetapan happen)."""

    serializer_class = s.PeriodePenilaianSerializer

    def get_queryset(self) -> QuerySet[PeriodePenilaian]:
        filters = parse(s.PeriodeFilterSerializer, self.request.query_params)
        qs = PeriodePenilaian.objects.filter(instansi_id=self.actor.instansi_id).select_related(
            "periode"
        )
        if filters["status"] != s.STATUS_SEMUA:
            qs = qs.filter(status=filters["status"])
        # The year's own evaluation before its last month (as "my evaluations").
        return qs.order_by("-tanggal_selesai", "tanggal_mulai", "-pk")

    @extend_schema(
        parameters=[s.PeriodeFilterSerializer],
        responses={200: s.PeriodePenilaianSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- evaluations -----------------------------------------------------------------------


class EvaluasiListView(ApiGenericView):
    """The caller's own evaluations (`peran=saya`), or those of the people the caller
    rates (`peran=penilai`), newest period first; `periode` narrows to one period."""

    serializer_class = s.EvaluasiListSerializer

    def get_queryset(self) -> QuerySet[Evaluasi]:
        filters = parse(s.EvaluasiFilterSerializer, self.request.query_params)
        me = org_scope(self.actor).pegawai_id
        qs = Evaluasi.objects.filter(instansi_id=self.actor.instansi_id)
        if me is None:
            qs = qs.none()
        elif filters["peran"] == s.PERAN_PENILAI:
            qs = qs.filter(penilai_id=me)
        else:
            qs = qs.filter(pegawai_id=me)
        if filters.get("periode"):
            periode = access.access_periode_penilaian(actor=self.actor, id=filters["periode"])
            qs = qs.filter(periode_penilaian=periode)
        return with_realisasi_progress(
            qs.select_related("periode_penilaian", "pegawai", "penilai", "jabatan", "unit_kurva")
        ).order_by(
            "-periode_penilaian__tanggal_selesai",
            "periode_penilaian__tanggal_mulai",
            "pegawai__nama",
            "pk",
        )

    @extend_schema(
        parameters=[s.EvaluasiFilterSerializer],
        responses={200: s.EvaluasiListSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def _evaluasi_body(view: ApiView, pk: int) -> dict[str, Any]:
    """One evaluation as the API renders it, with what the caller may do now: the
    person enters realisasi while it is a draft of an open period; the penilai rates
    until penetapan (the services' own refusals say why not)."""
    evaluasi = access.access_evaluasi(actor=view.actor, id=pk)
    content = evaluasi_content(evaluasi, with_evidence=False)
    peran = access.evaluasi_role(view.actor, evaluasi)
    alasan = ""
    if peran == access.OWNER:
        alasan = (
            realisasi_services.realisasi_refusal(evaluasi, mode_tahunan=content.aturan.mode_tahunan)
            or ""
        )
    elif peran == access.PENILAI:
        alasan = penilaian_services.edit_block_reason(evaluasi, content.aturan)
    context = {
        "content": content,
        "peran": peran,
        "dapat_isi_realisasi": peran == access.OWNER and not alasan,
        "dapat_menilai": peran == access.PENILAI and not alasan,
        "alasan_terkunci": alasan,
    }
    return s.EvaluasiDetailSerializer(evaluasi, context=context).data


class EvaluasiDetailView(ApiView):
    """One evaluation: per RHK the IKI with target, realisasi and capaian and the
    suggested rating; per BerAKHLAK value the guides, ekspektasi and feedback; the
    ratings, predikat and the snapshot of who was rated by whom. Read by the person,
    their penilai, and whoever may read the person (heads, admins, auditors)."""

    @extend_schema(responses={200: s.EvaluasiDetailSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        return Response(_evaluasi_body(self, pk))


class RealisasiView(ApiView):
    """The person's realisasi of one IKI (services.realisasi.evaluasi_realisasi_save):
    a number for angka/rentang targets (JSON number or Indonesian text), a description
    for a kualitatif one. Refused after rating, after penetapan, in a closed period."""

    @extend_schema(
        operation_id="penilaian_realisasi_update",
        request=s.RealisasiWriteSerializer,
        responses={200: s.RealisasiSerializer, **WRITE_ERRORS},
    )
    def put(self, request: Request, pk: int, iki_id: int) -> Response:
        data = parse(s.RealisasiWriteSerializer, request.data)
        row = realisasi_services.evaluasi_realisasi_save(
            actor=self.actor,
            evaluasi_id=pk,
            iki_id=iki_id,
            nilai=data["nilai"],
            teks=data["teks"],
            catatan=data["catatan"],
        )
        return Response(s.RealisasiSerializer(row).data)


class NilaiView(ApiView):
    """The penilai rates (services.penilaian.evaluasi_rate): both ratings, the feedback,
    and optionally the predikat the client expects — refused with the matrix's answer
    when it disagrees. Returns the evaluation as GET does."""

    @extend_schema(
        operation_id="penilaian_nilai",
        request=s.RatingWriteSerializer,
        responses={200: s.EvaluasiDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.RatingWriteSerializer, request.data)
        penilaian_services.evaluasi_rate(
            actor=self.actor,
            evaluasi_id=pk,
            rating_hasil_kerja=data["rating_hasil_kerja"],
            rating_perilaku=data["rating_perilaku"],
            umpan_balik_rhk=data["umpan_balik_rhk"],
            umpan_balik_perilaku=data["umpan_balik_perilaku"],
            catatan=data["catatan"],
            predikat=data["predikat"],
        )
        return Response(_evaluasi_body(self, pk))


# --- curve, organisation predikat, penetapan -------------------------------------------


def _kurva_body(kurva: CurveStatus) -> dict[str, Any]:
    if kurva.penetapan is not None:
        kurva.penetapan.unit = kurva.unit  # the same row: no query to render it
    po = kurva.predikat_organisasi
    check = kurva.check
    periode = kurva.periode
    data = {
        "unit": {"id": kurva.unit.pk, "nama": kurva.unit.nama},
        "periode": {
            "id": periode.pk,
            "label": periode.label,
            "jenis": periode.jenis,
            "status": periode.status,
        },
        "n": kurva.n,
        "counts": {p: kurva.counts.get(p, 0) for p in ratings.PREDIKAT},
        "rows": [{**r, "label": str(r["label"])} for r in kurva.rows()],
        "belum_dinilai": kurva.belum_dinilai,
        "jumlah_evaluasi": kurva.jumlah_evaluasi,
        "predikat_organisasi": po.predikat if po else None,
        "predikat_organisasi_label": (
            str(ratings.PREDIKAT_ORGANISASI_LABELS[po.predikat]) if po else None
        ),
        "rules": [
            {
                "predikat": list(r.rule.predikat),
                "op": r.rule.op,
                "limit": r.limit,
                "count": r.count,
                "ok": r.ok,
                "text": r.text(),
            }
            for r in (check.results if check else ())
        ],
        "ok": kurva.ok,
        "ditetapkan": kurva.ditetapkan,
        "penetapan": kurva.penetapan,
    }
    return s.KurvaSerializer(data).data


class KurvaView(ApiView):
    """A unit's distribution curve for `?periode=` (by default the newest open month or
    quarter): to those who manage the unit, read its subtree or the whole instansi, and
    a penilai with someone in it."""

    @extend_schema(
        operation_id="penilaian_kurva",
        parameters=[s.KurvaParamSerializer],
        responses={200: s.KurvaSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, unit_id: int) -> Response:
        unit = access.access_unit_kurva(actor=self.actor, id=unit_id)
        periode: PeriodePenilaian | None
        if "periode" in request.query_params:
            periode = _periode(self)
        else:
            periode = unit_selectors.default_periode(
                unit_selectors.periode_choices(instansi_id=self.actor.instansi_id)
            )
            if periode is None:
                raise Http404(_("Belum ada periode penilaian yang dibuka."))
        return Response(_kurva_body(curve_status(periode=periode, unit=unit)))


class PredikatOrganisasiView(ApiView):
    """Set the organisation predikat of a unit for `?periode=`
    (services.penetapan.predikat_organisasi_set): the head one level up or the Admin
    Instansi, while the period is open and the unit is not locked."""

    @extend_schema(
        operation_id="penilaian_predikat_organisasi",
        parameters=[s.PeriodeParamSerializer],
        request=s.PredikatOrganisasiWriteSerializer,
        responses={200: s.PredikatOrganisasiSerializer, **WRITE_ERRORS},
    )
    def put(self, request: Request, unit_id: int) -> Response:
        data = parse(s.PredikatOrganisasiWriteSerializer, request.data)
        periode = _periode(self)
        po = penetapan_services.predikat_organisasi_set(
            actor=self.actor,
            unit_id=unit_id,
            periode_penilaian_id=periode.pk,
            predikat=data["predikat"],
            catatan=data["catatan"],
        )
        return Response(s.PredikatOrganisasiSerializer(po).data)


class PenetapanCreateView(ApiView):
    """Lock a unit's staff predikat for `?periode=` (services.penetapan.penetapan_create).
    Refused with every reason (unrated people by name, no organisation predikat, each
    failing curve rule by how many people, a head whose rating disagrees) as a 400."""

    @extend_schema(
        operation_id="penilaian_penetapan_create",
        parameters=[s.PeriodeParamSerializer],
        request=None,
        responses={201: s.PenetapanSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, unit_id: int) -> Response:
        periode = _periode(self)
        row = penetapan_services.penetapan_create(
            actor=self.actor, unit_id=unit_id, periode_penilaian_id=periode.pk
        )
        row = type(row).objects.select_related("unit").get(instansi_id=row.instansi_id, pk=row.pk)
        return Response(s.PenetapanSerializer(row).data, status=status.HTTP_201_CREATED)


class PenetapanReopenView(ApiView):
    """The Admin Instansi reopens a penetapan with a reason (at least 10 characters):
    its evaluations return to "dinilai"."""

    @extend_schema(
        operation_id="penilaian_penetapan_buka",
        request=s.ReopenSerializer,
        responses={200: s.PenetapanSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.ReopenSerializer, request.data)
        row = penetapan_services.penetapan_reopen(
            actor=self.actor, penetapan_id=pk, alasan=data["alasan"]
        )
        row = type(row).objects.select_related("unit").get(instansi_id=row.instansi_id, pk=row.pk)
        return Response(s.PenetapanSerializer(row).data)


# --- SIASN -----------------------------------------------------------------------------


class _JsonErrors(DefaultContentNegotiation):
    """`?format=csv` names the export's format, not a DRF renderer: errors are always
    rendered as JSON (the only renderer), never a 404 for an unknown format."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: Any = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))  # DRF passes its list of renderer instances
        return renderer, renderer.media_type


class SiasnView(ApiView):
    """The period's rated evaluations for SIASN (rules §13): `format=json` the complete
    records exactly as SIASN's `kinerjaperiodik/save` / `skp22/save` take them (streamed
    JSON array; incomplete ones left out, their count in X-SIASN-Tidak-Lengkap);
    `format=csv|xlsx` the "with names" table of every rated evaluation. The same
    response as the report page's download (appraisal.exports.siasn_response), audited
    as it; Admin Instansi, Auditor and an instansi-wide Pimpinan."""

    content_negotiation_class = _JsonErrors

    @extend_schema(
        operation_id="penilaian_siasn",
        parameters=[s.SiasnParamSerializer],
        responses={
            (200, "application/json"): OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="Larik rekaman `kinerjaperiodik/save` (bulanan/triwulanan) atau "
                "`skp22/save` (tahunan) yang lengkap, dengan isian dan jenis data persis "
                "seperti SIASN: `id` null (rekaman baru), `periodikId` dan `koefisienId` "
                "teks, `penilaiGolongan` ID golongan SIASN, `path` daftar objek dokumen "
                "{dok_id, dok_nama, dok_uri, object, slug}. Jumlah rekaman yang belum "
                "lengkap (tidak disertakan) ada di header X-SIASN-Tidak-Lengkap.",
            ),
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description="Daftar dengan nama: semua evaluasi yang dinilai, dengan NIP, "
                "nama, golongan, jabatan, unit, predikat, lengkap/keterangan, lalu isian "
                "SIASN-nya.",
            ),
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="Daftar yang sama (XLSX)."
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        actor = access.require_appraisal_reader(self.actor)
        data = parse(s.SiasnParamSerializer, request.query_params)
        periode = access.access_periode_penilaian(actor=actor, id=data["periode"])
        return exports.siasn_response(
            actor,
            periode,
            data["format"],
            base_url=request.build_absolute_uri("/").rstrip("/"),
            extra={"sumber": "api"},
        )
