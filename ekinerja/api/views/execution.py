"""Execution and coaching over REST (issue 4 item 7): the mobile app logs activities and
uploads evidence; supervisors verify, summarise, give feedback and coach.

Each view parses the request (serializers/execution.py), gets objects through
execution.access / plans.access or a selector, calls one execution service, and renders
the result. The services raise ValidationError / PermissionDenied / Http404, which
exceptions.py turns into 400 / 403 / 404, exactly as for planning (views/plans.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from ekinerja.core.clock import local_today
from ekinerja.execution import access, domain, files
from ekinerja.execution.models import Aktivitas, BuktiDukung, RencanaAksi
from ekinerja.execution.selectors import aktivitas as aktivitas_selectors
from ekinerja.execution.selectors import ringkasan as ringkasan_selectors
from ekinerja.execution.selectors import verifikasi as verifikasi_selectors
from ekinerja.execution.services import aktivitas as aktivitas_services
from ekinerja.execution.services import bukti as bukti_services
from ekinerja.execution.services import rencana as rencana_services
from ekinerja.execution.services import verifikasi as verifikasi_services
from ekinerja.org.access import org_scope
from ekinerja.org.models import Pegawai
from ekinerja.plans.access import access_rhk

from ..parsers import FormParser, JSONParser
from ..serializers import execution as s
from .auth import ERRORS
from .base import ApiGenericView, ApiView, parse, sent

E400, E403, E404 = ERRORS[400], ERRORS[403], ERRORS[404]
READ_ERRORS = {401: ERRORS[401], 403: E403, 404: E404}
LIST_ERRORS = {400: E400, 401: ERRORS[401], 403: E403}
WRITE_ERRORS = {400: E400, **READ_ERRORS}
# JSON for the phone's plain calls, multipart when it sends a photo or a PDF.
UPLOAD_PARSERS = [JSONParser, MultiPartParser, FormParser]


def _with_bukti(qs: QuerySet[Aktivitas]) -> QuerySet[Aktivitas]:
    return qs.select_related("pegawai").prefetch_related(
        Prefetch("bukti", queryset=BuktiDukung.objects.order_by("created_at", "id"))
    )


class UploadLimitMixin(ApiView):
    """Stops reading an uploaded file once it passes the agency's limit, as the upload
    page does (files.LimitHandler), so an oversized photo is neither kept in
    memory nor spooled to disk; the refusal names `berkas` with the page's message."""

    limit_handler: files.LimitHandler | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.limit_handler = None
        django_request = request._request
        # A session caller's CSRF check may already have read the body: then the
        # service's own size check is what refuses it.
        if request.method == "POST" and not hasattr(django_request, "_files"):
            limit = bukti_services.max_bytes(self.actor.instansi_id)
            self.limit_handler = files.LimitHandler(limit, django_request)
            django_request.upload_handlers.insert(0, self.limit_handler)

    def upload_data(self) -> Any:
        data = self.request.data
        if self.limit_handler is not None and self.limit_handler.too_big:
            raise ValidationError(
                {
                    "berkas": [
                        _(
                            "Berkas melebihi batas %(batas)s yang ditetapkan instansi sehingga "
                            "tidak disimpan. Perkecil berkasnya (mis. kompres PDF atau gambar), "
                            "lalu unggah lagi."
                        )
                        % {"batas": files.size_text(self.limit_handler.limit)}
                    ]
                }
            )
        return data


def _aktivitas_body(instansi_id: int, pk: int) -> dict[str, Any]:
    """An activity as the API renders it: one query for the row, one for its evidence."""
    row = _with_bukti(Aktivitas.objects.filter(instansi_id=instansi_id, pk=pk)).get()
    return s.AktivitasSerializer(row).data


# --- aktivitas -----------------------------------------------------------------------------

AKTIVITAS_FIELDS = [
    "tanggal", "uraian", "jam_mulai", "jam_selesai", "menit", "rhk", "rencana_aksi",
    "output_jumlah", "output_satuan",
]  # fmt: skip


def _aktivitas_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    """Request fields → the service's keywords (`rhk` → `rhk_id`, …)."""
    return {
        "tanggal": data["tanggal"],
        "uraian": data["uraian"],
        "jam_mulai": data["jam_mulai"],
        "jam_selesai": data["jam_selesai"],
        "menit": data["menit"],
        "rhk_id": data["rhk"],
        "rencana_aksi_id": data["rencana_aksi"],
        "output_jumlah": data["output_jumlah"],
        "output_satuan": data["output_satuan"],
    }


class AktivitasListView(UploadLimitMixin, ApiGenericView):
    """The caller's own activity log, newest first; POST logs one (with optional evidence)."""

    serializer_class = s.AktivitasSerializer
    parser_classes = UPLOAD_PARSERS

    def get_queryset(self) -> QuerySet[Aktivitas]:
        filters = parse(s.AktivitasFilterSerializer, self.request.query_params)
        pegawai = access.require_own_pegawai(self.actor)
        qs = aktivitas_selectors.aktivitas_for_days(
            pegawai=pegawai,
            dari=filters.get("dari") or dt.date.min,
            sampai=filters.get("sampai") or dt.date.max,
            with_bukti=True,
        )
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        # Newest first: the phone shows today on top.
        return qs.select_related("pegawai").order_by("-tanggal", "jam_mulai", "id")

    @extend_schema(
        parameters=[s.AktivitasFilterSerializer],
        responses={200: s.AktivitasSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="aktivitas_create",
        request={
            "application/json": s.AktivitasCreateSerializer,
            "multipart/form-data": s.AktivitasCreateSerializer,
        },
        responses={201: s.AktivitasSerializer, **LIST_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.AktivitasCreateSerializer, self.upload_data())
        row = aktivitas_services.aktivitas_create(
            actor=self.actor,
            **_aktivitas_kwargs(data),
            sumber=Aktivitas.Sumber.API,
            berkas=data["berkas"],
            tautan=data["tautan"],
        )
        return Response(
            _aktivitas_body(self.actor.instansi_id, row.pk), status=status.HTTP_201_CREATED
        )


class AktivitasDetailView(ApiView):
    """One activity: read by whoever may read its owner's log; changed or deleted by its
    owner while it waits for verification."""

    @extend_schema(responses={200: s.AktivitasSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        row = access.access_aktivitas(actor=self.actor, id=pk)
        return Response(_aktivitas_body(self.actor.instansi_id, row.pk))

    @extend_schema(
        request=s.AktivitasWriteSerializer, responses={200: s.AktivitasSerializer, **WRITE_ERRORS}
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = parse(s.AktivitasWriteSerializer, request.data, partial=True)
        row = access.access_aktivitas(actor=self.actor, id=pk, for_write=True)
        current = {
            "tanggal": row.tanggal,
            "uraian": row.uraian,
            "jam_mulai": row.jam_mulai,
            "jam_selesai": row.jam_selesai,
            # Minutes follow from the times when both are given (domain.clean_aktivitas).
            "menit": None if row.jam_mulai and row.jam_selesai else row.menit,
            "rhk": row.rhk_id,
            "rencana_aksi": row.rencana_aksi_id,
            "output_jumlah": row.output_jumlah,
            "output_satuan": row.output_satuan,
        }
        merged = {**current, **sent(request, data)}
        if "menit" in request.data and not {"jam_mulai", "jam_selesai"} & set(request.data):
            # Sending only a duration switches a timed activity to a duration.
            merged["jam_mulai"] = merged["jam_selesai"] = None
        row = aktivitas_services.aktivitas_update(
            actor=self.actor, aktivitas_id=pk, **_aktivitas_kwargs(merged)
        )
        return Response(_aktivitas_body(self.actor.instansi_id, row.pk))

    @extend_schema(responses={204: None, **WRITE_ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        aktivitas_services.aktivitas_delete(actor=self.actor, aktivitas_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AktivitasSalinView(ApiView):
    """ "Copy yesterday": the activities of day `dari` logged again on day `ke`."""

    @extend_schema(
        operation_id="aktivitas_salin",
        request=s.SalinSerializer,
        responses={201: s.AktivitasListResultSerializer, **LIST_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.SalinSerializer, request.data)
        rows = aktivitas_services.aktivitas_copy_day(
            actor=self.actor, dari=data["dari"], ke=data["ke"]
        )
        qs = _with_bukti(
            Aktivitas.objects.filter(
                instansi_id=self.actor.instansi_id, pk__in=[r.pk for r in rows]
            ).order_by("jam_mulai", "id")
        )
        body = {"aktivitas": s.AktivitasSerializer(qs, many=True).data}
        return Response(body, status=status.HTTP_201_CREATED)


# --- bukti dukung ----------------------------------------------------------------------------


class AktivitasBuktiView(UploadLimitMixin, ApiView):
    """Add evidence to an activity: a file (multipart) or a link."""

    parser_classes = UPLOAD_PARSERS

    @extend_schema(
        operation_id="aktivitas_bukti_create",
        request={
            "multipart/form-data": s.BuktiWriteSerializer,
            "application/json": s.BuktiWriteSerializer,
        },
        responses={201: s.BuktiSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.BuktiWriteSerializer, self.upload_data())
        if data["berkas"] is not None:
            row = bukti_services.bukti_add_file(
                actor=self.actor,
                berkas=data["berkas"],
                aktivitas_id=pk,
                keterangan=data["keterangan"],
            )
        else:
            row = bukti_services.bukti_add_link(
                actor=self.actor,
                tautan=data["tautan"],
                aktivitas_id=pk,
                keterangan=data["keterangan"],
            )
        return Response(s.BuktiSerializer(row).data, status=status.HTTP_201_CREATED)


class BuktiDetailView(ApiView):
    @extend_schema(responses={200: s.BuktiSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        row = access.access_bukti(actor=self.actor, id=pk)
        return Response(s.BuktiSerializer(row).data)

    @extend_schema(responses={204: None, **WRITE_ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        bukti_services.bukti_delete(actor=self.actor, bukti_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BuktiUnduhView(ApiView):
    """The file itself, to the same readers and with the same headers as the page's
    download (execution:bukti-download): always an attachment, never sniffed."""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A phone may ask for `Accept: application/pdf`: the file is not rendered by
        # DRF, and an error still comes back as JSON rather than a 406.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="bukti_unduh",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="Isi berkas (attachment)."
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        row = access.access_bukti(actor=self.actor, id=pk)
        return files.bukti_file_response(row)


# --- rencana aksi ----------------------------------------------------------------------------

RENCANA_FIELDS = ["periode_ke", "uraian", "target_jumlah", "target_satuan"]


class RhkRencanaAksiView(ApiGenericView):
    """The rencana aksi of one RHK (all periods); its owner adds one."""

    serializer_class = s.RencanaAksiSerializer

    def get_queryset(self) -> QuerySet:
        rhk = access_rhk(actor=self.actor, id=self.kwargs["pk"])
        # Read on the RHK's SKP terms (plans.access): its owner, penilai, their heads,
        # admins and auditors.
        return RencanaAksi.objects.filter(instansi_id=rhk.instansi_id, rhk=rhk).order_by(
            "tahun", "periode_ke", "urutan", "id"
        )

    @extend_schema(responses={200: s.RencanaAksiSerializer(many=True), **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="rhk_rencana_aksi_create",
        request=s.RencanaAksiWriteSerializer,
        responses={201: s.RencanaAksiSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.RencanaAksiWriteSerializer, request.data)
        row = rencana_services.rencana_aksi_create(actor=self.actor, rhk_id=pk, **data)
        return Response(s.RencanaAksiSerializer(row).data, status=status.HTTP_201_CREATED)


class RencanaAksiDetailView(ApiView):
    @extend_schema(responses={200: s.RencanaAksiSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        row = access.access_rencana_aksi(actor=self.actor, id=pk)
        return Response(s.RencanaAksiSerializer(row).data)

    @extend_schema(
        request=s.RencanaAksiWriteSerializer,
        responses={200: s.RencanaAksiSerializer, **WRITE_ERRORS},
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = parse(s.RencanaAksiWriteSerializer, request.data, partial=True)
        row = access.access_rencana_aksi(actor=self.actor, id=pk, for_write=True)
        current = {f: getattr(row, f) for f in RENCANA_FIELDS}
        row = rencana_services.rencana_aksi_update(
            actor=self.actor, rencana_aksi_id=pk, **{**current, **sent(request, data)}
        )
        return Response(s.RencanaAksiSerializer(row).data)

    @extend_schema(responses={204: None, **WRITE_ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        rencana_services.rencana_aksi_delete(actor=self.actor, rencana_aksi_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RencanaAksiKomentarView(ApiView):
    """The penilai's comment on a rencana aksi."""

    @extend_schema(
        operation_id="rencana_aksi_komentar",
        request=s.KomentarSerializer,
        responses={200: s.RencanaAksiSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.KomentarSerializer, request.data)
        row = rencana_services.rencana_aksi_comment(
            actor=self.actor, rencana_aksi_id=pk, catatan=data["catatan"]
        )
        return Response(s.RencanaAksiSerializer(row).data)


# --- verifikasi and ringkasan ------------------------------------------------------------------


class VerifikasiQueueView(ApiGenericView):
    """The caller's direct subordinates' activities waiting for verification, oldest
    day first (selectors.verifikasi.queue, as the queue page); by default the previous
    month and this one."""

    serializer_class = s.AktivitasSerializer

    @extend_schema(
        parameters=[s.VerifikasiFilterSerializer],
        responses={200: s.AktivitasSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        filters = parse(s.VerifikasiFilterSerializer, request.query_params)
        subs = verifikasi_selectors.subordinates(
            actor=self.actor, pegawai_id=org_scope(self.actor).pegawai_id
        )
        by_id = {p.pk: p for p in subs}
        d_dari, d_sampai = domain.default_range(local_today(self.actor))
        f = verifikasi_selectors.QueueFilter(
            dari=filters.get("dari") or d_dari,
            sampai=filters.get("sampai") or d_sampai,
            pegawai_id=filters.get("pegawai"),
            rhk=filters.get("rhk"),
            status=domain.DIAJUKAN,
            ditandai=bool(filters.get("ditandai")),
        )
        qs = verifikasi_selectors.queue(
            instansi_id=self.actor.instansi_id, subordinate_ids=list(by_id), f=f
        ).prefetch_related(
            Prefetch("bukti", queryset=BuktiDukung.objects.order_by("created_at", "id"))
        )
        rows = self.paginate_queryset(qs)
        assert rows is not None  # every API list is paged (settings: DEFAULT_PAGINATION_CLASS)
        for row in rows:
            row.pegawai = by_id[row.pegawai_id]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


class VerifikasiVerifyView(ApiView):
    """Verify many activities of the caller's direct subordinates: all of them, or none."""

    @extend_schema(
        operation_id="verifikasi_verify",
        request=s.IdsSerializer,
        responses={200: s.JumlahSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.IdsSerializer, request.data)
        n = verifikasi_services.aktivitas_verify(actor=self.actor, aktivitas_ids=data["ids"])
        return Response({"jumlah": n})


class VerifikasiRejectView(ApiView):
    """Reject many activities with one reason (the owners are notified)."""

    @extend_schema(
        operation_id="verifikasi_reject",
        request=s.RejectSerializer,
        responses={200: s.JumlahSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.RejectSerializer, request.data)
        n = verifikasi_services.aktivitas_reject(
            actor=self.actor, aktivitas_ids=data["ids"], alasan=data["alasan"]
        )
        return Response({"jumlah": n})


class RingkasanView(ApiGenericView):
    """The monthly summary per person (issue 4 item 4) over the people the summary page
    shows the caller (views.ringkasan: direct subordinates, a unit subtree for heads and
    pengelola kinerja, any unit for admins and auditors); staff without a team get their
    own row. Paginated over people."""

    @extend_schema(
        parameters=[s.RingkasanFilterSerializer],
        responses={200: s.RingkasanPageSerializer, **WRITE_ERRORS},
    )
    def get(self, request: Request) -> Response:
        filters = parse(s.RingkasanFilterSerializer, request.query_params)
        if filters.get("bulan"):
            year, month = (int(x) for x in filters["bulan"].split("-"))
        else:
            today = local_today(self.actor)
            year, month = today.year, today.month
        dari, sampai = domain.month_range(year, month)
        people = self._people(filters.get("unit"))
        page = self.paginate_queryset(people)
        rows = ringkasan_selectors.per_person(
            instansi_id=self.actor.instansi_id, pegawai=list(page or []), dari=dari, sampai=sampai
        )
        response = self.get_paginated_response([_ringkasan_row(r) for r in rows])
        response.data = s.RingkasanPageSerializer(
            {"bulan": f"{year:04d}-{month:02d}", "dari": dari, "sampai": sampai, **response.data}
        ).data
        return response

    def _people(self, unit: str | None) -> QuerySet[Pegawai]:
        cakupan = access.access_team_summary(actor=self.actor, unit=unit or "").cakupan
        if cakupan is None:
            # Staff without a team: their own month.
            return Pegawai.objects.filter(
                instansi_id=self.actor.instansi_id, pk=access.require_own_pegawai(self.actor).pk
            ).select_related("jabatan", "unit")
        return ringkasan_selectors.people(
            instansi_id=self.actor.instansi_id, unit=cakupan.unit, atasan_id=cakupan.atasan_id
        )


def _cell(cell: domain.SummaryCell) -> dict[str, int]:
    return {"jumlah": cell.jumlah, "menit": cell.menit}


def _ringkasan_row(row: ringkasan_selectors.PersonRow) -> dict[str, Any]:
    summary = row.summary
    return {
        "pegawai": row.pegawai,
        "diajukan": _cell(summary.diajukan),
        "diverifikasi": _cell(summary.diverifikasi),
        "ditolak": _cell(summary.ditolak),
        "total": _cell(summary.total),
        "ditandai": row.ditandai,
    }
