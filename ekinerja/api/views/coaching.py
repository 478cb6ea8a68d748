"""Feedback and coaching over REST (issue 4 item 7): feedback threads between a person
and their supervisor, with replies, and the supervisor's coaching notes.

Each view parses the request (serializers/execution.py), gets objects through
execution.access or a selector, calls one execution service, and renders the result;
the services' ValidationError / PermissionDenied / Http404 become 400 / 403 / 404
(exceptions.py), as for the rest of the API.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ekinerja.execution import access
from ekinerja.execution.models import UmpanBalik
from ekinerja.execution.selectors import umpan_balik as umpan_balik_selectors
from ekinerja.execution.services import umpan_balik as umpan_balik_services

from ..serializers import execution as s
from .auth import ERRORS
from .base import ApiGenericView, ApiView, parse, sent

E400, E403, E404 = ERRORS[400], ERRORS[403], ERRORS[404]
READ_ERRORS = {401: ERRORS[401], 403: E403, 404: E404}
WRITE_ERRORS = {400: E400, **READ_ERRORS}


# --- umpan balik and bimbingan -----------------------------------------------------------------


class UmpanBalikListView(ApiGenericView):
    """Feedback threads addressed to or written by the caller (or, with `pegawai`, of a
    person whose records the caller may read), latest activity first; a supervisor opens
    one for a direct subordinate."""

    serializer_class = s.UmpanBalikSerializer

    def get_queryset(self) -> QuerySet[UmpanBalik]:
        filters = parse(s.UmpanBalikFilterSerializer, self.request.query_params)
        mine = access.me(self.actor)
        pegawai_id = filters.get("pegawai")
        if pegawai_id and pegawai_id != mine:
            subject = access.access_pegawai_log(actor=self.actor, id=pegawai_id)
            return umpan_balik_selectors.threads_of_pegawai(pegawai=subject)
        return umpan_balik_selectors.thread_list(
            instansi_id=self.actor.instansi_id,
            pegawai_id=mine,
            arah=filters.get("arah") or umpan_balik_selectors.ARAH_SEMUA,
        )

    @extend_schema(
        parameters=[s.UmpanBalikFilterSerializer],
        responses={200: s.UmpanBalikSerializer(many=True), **WRITE_ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="umpan_balik_create",
        request=s.UmpanBalikCreateSerializer,
        responses={201: s.UmpanBalikThreadSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.UmpanBalikCreateSerializer, request.data)
        row = umpan_balik_services.umpan_balik_create(
            actor=self.actor,
            pegawai_id=data["pegawai"],
            topik=data["topik"],
            teks=data["teks"],
            rhk_id=data["rhk"],
            nilai_berakhlak=data["nilai_berakhlak"],
        )
        return Response(_thread_body(self, row.pk), status=status.HTTP_201_CREATED)


def _thread_body(view: ApiView | ApiGenericView, pk: int) -> dict[str, Any]:
    thread = access.access_umpan_balik(actor=view.actor, id=pk)
    replies = umpan_balik_selectors.thread_replies(thread)
    for reply in replies:
        reply.pegawai = thread.pegawai
    # What UmpanBalikThreadSerializer reads (`balasan_list`), not a model attribute.
    thread.balasan_list = replies  # type: ignore[attr-defined]
    return s.UmpanBalikThreadSerializer(thread).data


class UmpanBalikDetailView(ApiView):
    """A thread with its replies, oldest first."""

    @extend_schema(responses={200: s.UmpanBalikThreadSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        return Response(_thread_body(self, pk))


class UmpanBalikBalasView(ApiView):
    """Reply in a thread (the pegawai or the supervisor); the other person is notified."""

    @extend_schema(
        operation_id="umpan_balik_balas",
        request=s.BalasSerializer,
        responses={201: s.UmpanBalikThreadSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = parse(s.BalasSerializer, request.data)
        umpan_balik_services.umpan_balik_reply(actor=self.actor, thread_id=pk, teks=data["teks"])
        return Response(_thread_body(self, pk), status=status.HTTP_201_CREATED)


BIMBINGAN_FIELDS = ["tanggal", "topik", "catatan", "tindak_lanjut"]


class BimbinganListView(ApiGenericView):
    """Coaching notes about the caller or written by the caller (or, with `pegawai`, of a
    person whose records the caller may read); a supervisor records one."""

    serializer_class = s.BimbinganSerializer

    def get_queryset(self) -> QuerySet:
        filters = parse(s.BimbinganFilterSerializer, self.request.query_params)
        instansi_id, mine = self.actor.instansi_id, access.me(self.actor)
        pegawai_id = filters.get("pegawai")
        if pegawai_id and pegawai_id != mine:
            subject = access.access_pegawai_log(actor=self.actor, id=pegawai_id)
            return umpan_balik_selectors.bimbingan_list(
                instansi_id=instansi_id, pegawai_id=subject.pk
            )
        if filters.get("arah") == s.ARAH_DITULIS:
            return umpan_balik_selectors.bimbingan_list(
                instansi_id=instansi_id, pembimbing_id=mine or 0
            )
        return umpan_balik_selectors.bimbingan_list(instansi_id=instansi_id, pegawai_id=mine or 0)

    @extend_schema(
        parameters=[s.BimbinganFilterSerializer],
        responses={200: s.BimbinganSerializer(many=True), **WRITE_ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="bimbingan_create",
        request=s.BimbinganCreateSerializer,
        responses={201: s.BimbinganSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = parse(s.BimbinganCreateSerializer, request.data)
        pegawai_id = data.pop("pegawai")
        row = umpan_balik_services.bimbingan_create(actor=self.actor, pegawai_id=pegawai_id, **data)
        row = access.access_bimbingan(actor=self.actor, id=row.pk)
        return Response(s.BimbinganSerializer(row).data, status=status.HTTP_201_CREATED)


class BimbinganDetailView(ApiView):
    @extend_schema(responses={200: s.BimbinganSerializer, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        row = access.access_bimbingan(actor=self.actor, id=pk)
        return Response(s.BimbinganSerializer(row).data)

    @extend_schema(
        request=s.BimbinganWriteSerializer, responses={200: s.BimbinganSerializer, **WRITE_ERRORS}
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = parse(s.BimbinganWriteSerializer, request.data, partial=True)
        row = access.access_bimbingan(actor=self.actor, id=pk, for_write=True)
        current = {f: getattr(row, f) for f in BIMBINGAN_FIELDS}
        umpan_balik_services.bimbingan_update(
            actor=self.actor, bimbingan_id=pk, **{**current, **sent(request, data)}
        )
        row = access.access_bimbingan(actor=self.actor, id=pk)
        return Response(s.BimbinganSerializer(row).data)

    @extend_schema(responses={204: None, **WRITE_ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        umpan_balik_services.bimbingan_delete(actor=self.actor, bimbingan_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
