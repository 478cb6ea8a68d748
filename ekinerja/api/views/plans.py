"""Planning (SKP) over REST: each view parses the request (serializers/plans.py), gets objects
through plans.access / selectors, calls one plans service, renders the result."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ekinerja.org.access import org_scope
from ekinerja.plans import selectors
from ekinerja.plans.access import access_iki, access_rhk, access_skp
from ekinerja.plans.models import SKP
from ekinerja.plans.services import creation, editing, workflow
from ekinerja.plans.services import periode as periode_services

from ..serializers import plans as s
from .auth import ERRORS
from .base import ApiGenericView, ApiView, parse

E400, E403, E404 = ERRORS[400], ERRORS[403], ERRORS[404]
READ_ERRORS = {401: ERRORS[401], 403: E403, 404: E404}
WRITE_ERRORS = {400: E400, **READ_ERRORS}


def _detail(view: ApiView | ApiGenericView, skp_id: int) -> dict[str, Any]:
    skp = selectors.skp_with_content(skp_id, view.actor.instansi_id)
    return s.SkpDetailSerializer(skp, context={"actor": view.actor}).data


# --- periods -----------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(responses={200: s.PeriodeSerializer(many=True), **READ_ERRORS}),
)
class PeriodeListView(ApiGenericView):
    """Performance years of the caller's instansi; an Admin Instansi adds one."""

    serializer_class = s.PeriodeSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.periode_list(actor=self.actor)

    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=s.PeriodeCreateSerializer, responses={201: s.PeriodeSerializer, **WRITE_ERRORS}
    )
    def post(self, request: Request) -> Response:
        data = parse(s.PeriodeCreateSerializer, request.data)
        periode = periode_services.periode_create(actor=self.actor, **data)
        return Response(s.PeriodeSerializer(periode).data, status=status.HTTP_201_CREATED)


# --- SKP ---------------------------------------------------------------------------------


class SkpListView(ApiGenericView):
    """The SKP the caller may read (own, assessed, their team's; the whole instansi for
    admins and auditors), newest first."""

    serializer_class = s.SkpSerializer

    def get_queryset(self) -> QuerySet[SKP]:
        filters = parse(s.SkpFilterSerializer, self.request.query_params)
        return selectors.skp_list(
            actor=self.actor,
            periode_id=filters.get("periode"),
            status=filters.get("status"),
            pegawai_id=filters.get("pegawai"),
            current_only=filters.get("current_only", False),
        )

    @extend_schema(
        parameters=[s.SkpFilterSerializer],
        responses={200: s.SkpSerializer(many=True), 400: E400, **READ_ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=s.SkpCreateSerializer, responses={201: s.SkpDetailSerializer, **WRITE_ERRORS}
    )
    def post(self, request: Request) -> Response:
        data = parse(s.SkpCreateSerializer, request.data)
        pegawai_id = data["pegawai"] or org_scope(self.actor).pegawai_id
        if pegawai_id is None:
            raise ValidationError(
                {"pegawai": [_("Akun ini tidak terhubung dengan data pegawai; isikan pegawai.")]}
            )
        skp = creation.skp_create(
            actor=self.actor,
            pegawai_id=pegawai_id,
            periode_id=data["periode"],
            pendekatan=data["pendekatan"],
            tanggal_mulai=data["tanggal_mulai"],
            tanggal_selesai=data["tanggal_selesai"],
            jabatan_id=data["jabatan"],
        )
        return Response(_detail(self, skp.pk), status=status.HTTP_201_CREATED)


class SkpDetailView(ApiView):
    @extend_schema(responses={200: s.SkpDetailSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        skp = access_skp(actor=self.actor, id=pk)
        return Response(_detail(self, skp.pk))


class SkpIntervensiView(ApiView):
    """The penilai's approved RHK that this SKP's RHK may intervene in (rules §8)."""

    @extend_schema(responses={200: s.RhkRefSerializer(many=True), **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        skp = access_skp(actor=self.actor, id=pk)
        rows = selectors.intervensi_choices(skp)
        return Response(s.RhkRefSerializer(rows, many=True).data)


# --- RHK and IKI ---------------------------------------------------------------------------


class RhkCreateView(ApiView):
    @extend_schema(
        operation_id="rhk_create",
        request=s.RhkWriteSerializer,
        responses={201: s.RhkSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.RhkWriteSerializer, request.data)
        rhk = editing.rhk_add(
            actor=self.actor,
            skp_id=pk,
            jenis=data["jenis"],
            teks=data["teks"],
            intervensi_id=data["intervensi"],
        )
        return Response(s.RhkSerializer(rhk).data, status=status.HTTP_201_CREATED)


class RhkDetailView(ApiView):
    @extend_schema(responses={200: s.RhkSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        rhk = access_rhk(actor=self.actor, id=pk)
        return Response(s.RhkSerializer(rhk).data)

    @extend_schema(request=s.RhkWriteSerializer, responses={200: s.RhkSerializer, **WRITE_ERRORS})
    def put(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=False)

    @extend_schema(request=s.RhkWriteSerializer, responses={200: s.RhkSerializer, **WRITE_ERRORS})
    def patch(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=True)

    def _update(self, request: Request, pk: int, *, partial: bool) -> Response:
        data = parse(s.RhkWriteSerializer, request.data, partial=partial)
        if partial:
            row = access_rhk(actor=self.actor, id=pk, for_write=True)
            current = {"jenis": row.jenis, "teks": row.teks, "intervensi": row.intervensi_id}
            # A PATCH leaves out what it does not change (DRF drops unsent defaults).
            data = {**current, **{k: v for k, v in data.items() if k in request.data}}
        rhk = editing.rhk_update(
            actor=self.actor,
            rhk_id=pk,
            jenis=data["jenis"],
            teks=data["teks"],
            intervensi_id=data["intervensi"],
        )
        return Response(s.RhkSerializer(rhk).data)

    @extend_schema(responses={204: None, **WRITE_ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        editing.rhk_delete(actor=self.actor, rhk_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


IKI_FIELDS = [
    "aspek", "indikator", "target_jenis", "target_nilai", "target_min", "target_maks",
    "target_teks", "satuan",
]  # fmt: skip


class IkiCreateView(ApiView):
    @extend_schema(
        operation_id="iki_create",
        request=s.IkiWriteSerializer,
        responses={201: s.IkiSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.IkiWriteSerializer, request.data)
        iki = editing.iki_add(actor=self.actor, rhk_id=pk, **data)
        return Response(s.IkiSerializer(iki).data, status=status.HTTP_201_CREATED)


class IkiDetailView(ApiView):
    @extend_schema(responses={200: s.IkiSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        iki = access_iki(actor=self.actor, id=pk)
        return Response(s.IkiSerializer(iki).data)

    @extend_schema(request=s.IkiWriteSerializer, responses={200: s.IkiSerializer, **WRITE_ERRORS})
    def put(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=False)

    @extend_schema(request=s.IkiWriteSerializer, responses={200: s.IkiSerializer, **WRITE_ERRORS})
    def patch(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=True)

    def _update(self, request: Request, pk: int, *, partial: bool) -> Response:
        data = parse(s.IkiWriteSerializer, request.data, partial=partial)
        if partial:
            row = access_iki(actor=self.actor, id=pk, for_write=True)
            current = {f: getattr(row, f) for f in IKI_FIELDS}
            data = {**current, **{k: v for k, v in data.items() if k in request.data}}
        iki = editing.iki_update(actor=self.actor, iki_id=pk, **data)
        return Response(s.IkiSerializer(iki).data)

    @extend_schema(responses={204: None, **WRITE_ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        editing.iki_delete(actor=self.actor, iki_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- perilaku and lampiran -------------------------------------------------------------------


class EkspektasiView(ApiView):
    """The penilai's "ekspektasi khusus pimpinan" for BerAKHLAK value 1–7 (rules §7)."""

    @extend_schema(responses={200: s.EkspektasiSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int, nilai: int) -> Response:
        skp = access_skp(actor=self.actor, id=pk)
        row = selectors.ekspektasi_get(skp=skp, nilai=nilai)
        if row is None:
            raise Http404(_("Data tidak ditemukan."))
        return Response(s.EkspektasiSerializer(row).data)

    @extend_schema(
        request=s.EkspektasiWriteSerializer,
        responses={200: s.EkspektasiSerializer, **WRITE_ERRORS},
    )
    def put(self, request: Request, pk: int, nilai: int) -> Response:
        data = parse(s.EkspektasiWriteSerializer, request.data)
        row = editing.ekspektasi_set(
            actor=self.actor, skp_id=pk, nilai=nilai, ekspektasi=data["ekspektasi"]
        )
        return Response(s.EkspektasiSerializer(row).data)


class LampiranView(ApiView):
    """The SKP's annex (rules §8), written by its owner."""

    @extend_schema(responses={200: s.LampiranSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        skp = access_skp(actor=self.actor, id=pk)
        row = selectors.lampiran_get(skp=skp)
        if row is None:
            raise Http404(_("Data tidak ditemukan."))
        return Response(s.LampiranSerializer(row).data)

    @extend_schema(
        request=s.LampiranWriteSerializer, responses={200: s.LampiranSerializer, **WRITE_ERRORS}
    )
    def put(self, request: Request, pk: int) -> Response:
        data = parse(s.LampiranWriteSerializer, request.data)
        row = editing.lampiran_set(actor=self.actor, skp_id=pk, **data)
        return Response(s.LampiranSerializer(row).data)


# --- workflow ------------------------------------------------------------------------------


class SkpSubmitView(ApiView):
    """The owner submits a draft to the penilai (draft → diajukan)."""

    @extend_schema(
        operation_id="skp_submit", request=None, responses={200: s.SkpSerializer, **WRITE_ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        skp = workflow.skp_submit(actor=self.actor, skp_id=pk)
        return Response(s.SkpSerializer(skp).data)


class SkpApproveView(ApiView):
    """The penilai approves (diajukan → disetujui)."""

    @extend_schema(
        operation_id="skp_approve", request=None, responses={200: s.SkpSerializer, **WRITE_ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        skp = workflow.skp_approve(actor=self.actor, skp_id=pk)
        return Response(s.SkpSerializer(skp).data)


class SkpReturnView(ApiView):
    """The penilai returns with a reason (diajukan → dikembalikan)."""

    @extend_schema(
        operation_id="skp_return",
        request=s.ReturnSerializer,
        responses={200: s.SkpSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.ReturnSerializer, request.data)
        skp = workflow.skp_return(actor=self.actor, skp_id=pk, alasan=data["alasan"])
        return Response(s.SkpSerializer(skp).data)


class SkpReviseView(ApiView):
    """The owner opens a new draft version of an approved SKP; the approved one stays."""

    @extend_schema(
        operation_id="skp_revise",
        request=None,
        responses={201: s.SkpDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        skp = workflow.skp_revise(actor=self.actor, skp_id=pk)
        return Response(_detail(self, skp.pk), status=status.HTTP_201_CREATED)


class SkpQueueView(ApiGenericView):
    """Submitted SKP waiting for the caller's decision as penilai, oldest first."""

    serializer_class = s.SkpSerializer

    def get_queryset(self) -> QuerySet[SKP]:
        filters = parse(s.QueueFilterSerializer, self.request.query_params)
        return selectors.penilai_queue(actor=self.actor, periode_id=filters.get("periode"))

    @extend_schema(
        parameters=[s.QueueFilterSerializer],
        responses={200: s.SkpSerializer(many=True), 400: E400, **READ_ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class SkpBulkApproveView(ApiView):
    """Approve many SKP from the queue: all of them, or none with the reasons."""

    @extend_schema(
        operation_id="skp_bulk_approve",
        request=s.BulkSerializer,
        responses={200: s.SkpListResultSerializer, 400: E400, 403: E403, 404: E404},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.BulkSerializer, request.data)
        rows = workflow.skp_bulk_approve(actor=self.actor, skp_ids=data["skp_ids"])
        return Response({"skp": s.SkpSerializer(rows, many=True).data})


class SkpBulkReturnView(ApiView):
    """Return many SKP with one reason: all of them, or none."""

    @extend_schema(
        operation_id="skp_bulk_return",
        request=s.BulkReturnSerializer,
        responses={200: s.SkpListResultSerializer, 400: E400, 403: E403, 404: E404},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.BulkReturnSerializer, request.data)
        rows = workflow.skp_bulk_return(
            actor=self.actor, skp_ids=data["skp_ids"], alasan=data["alasan"]
        )
        return Response({"skp": s.SkpSerializer(rows, many=True).data})
