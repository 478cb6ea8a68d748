"""The team matrix, Matriks Peran Hasil (`team_matrix`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Q,
)
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import require_instansi
from ekinerja.core.roles import Actor
from ekinerja.org.domain import nama_lengkap
from ekinerja.org.models import Pegawai

from ..models import RHK, SKP
from ..selectors import skp_in_force_q
from .common import (
    _latest_of,
    status_css,
    status_label,
)

# --- the team matrix (Matriks Peran Hasil) ----------------------------------------------


@dataclass
class MatrixColumn:
    pegawai_id: int
    nama: str
    nip: str
    jabatan: str
    skp_id: int | None
    status: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def status_css(self) -> str:
        return status_css(self.status)


@dataclass
class MatrixCell:
    rhk_id: int
    teks: str
    jenis: str
    status: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def status_css(self) -> str:
        return status_css(self.status)


@dataclass
class MatrixRow:
    rhk_id: int
    jenis: str
    teks: str
    cells: list[list[MatrixCell]]
    contributors: list[tuple[MatrixColumn, list[MatrixCell]]] = field(default_factory=list)

    @property
    def supporters(self) -> int:
        return sum(1 for c in self.cells if c)

    @property
    def unsupported(self) -> bool:
        return not any(self.cells)


@dataclass
class TeamMatrix:
    skp: SKP
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    unlinked: list[list[MatrixCell]]  # per column: RHK that intervene in none of these

    @property
    def unsupported(self) -> int:
        return sum(1 for r in self.rows if r.unsupported)

    @property
    def any_unlinked(self) -> bool:
        return any(self.unlinked)


def team_matrix(*, actor: Actor | None, skp: SKP) -> TeamMatrix:
    """Matriks Peran Hasil of one supervisor SKP (PermenPANRB 6/2022 Lampiran: who in the
    team contributes which result): rows are its RHK, columns the subordinates (whose SKP
    names this SKP's owner as penilai, plus the current direct subordinates who have none),
    cells the subordinates' RHK in force that intervene in each row.

    The caller checks that the actor may read `skp` (access.access_skp). Three queries."""
    actor = require_instansi(actor)
    if skp.instansi_id != actor.instansi_id:
        raise Http404(_("SKP tidak ditemukan."))
    own = list(
        RHK.objects.filter(instansi_id=actor.instansi_id, skp_id=skp.pk)
        .order_by("-jenis", "urutan", "pk")
        .values_list("pk", "jenis", "teks")
    )
    ids = [pk for pk, _j, _t in own]
    sub_rhk = (
        RHK.objects.filter(instansi_id=actor.instansi_id)
        .filter(skp_in_force_q("skp__"))
        .filter(
            Q(intervensi_id__in=ids)
            | Q(skp__penilai_id=skp.pegawai_id, skp__periode_id=skp.periode_id)
        )
        .exclude(skp__pegawai_id=skp.pegawai_id)
        .order_by("skp__pegawai__nama", "-jenis", "urutan", "pk")
        .values_list(
            "pk",
            "jenis",
            "teks",
            "intervensi_id",
            "skp_id",
            "skp__status",
            "skp__pegawai_id",
            "skp__pegawai__gelar_depan",
            "skp__pegawai__nama",
            "skp__pegawai__gelar_belakang",
            "skp__pegawai__nip",
            "skp__jabatan__nama",
        )  # fmt: skip
    )
    columns: dict[int, MatrixColumn] = {}
    cells: list[tuple[int, int | None, MatrixCell]] = []
    for pk, jenis, teks, parent, skp_id, st, pid, gd, nama, gb, nip, jab in sub_rhk:
        if pid not in columns:
            columns[pid] = MatrixColumn(pid, nama_lengkap(gd, nama, gb), nip or "", jab or "",
                                        skp_id, st)  # fmt: skip
        cells.append((pid, parent, MatrixCell(pk, teks, jenis, st)))
    team = (
        Pegawai.objects.filter(instansi_id=actor.instansi_id, atasan_id=skp.pegawai_id, aktif=True)
        .exclude(pk__in=list(columns))
        .annotate(
            skp_status=_latest_of(skp.periode, "status"),
            skp_ref=_latest_of(skp.periode, "pk"),
        )
        .values_list(
            "pk",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "nip",
            "jabatan__nama",
            "skp_status",
            "skp_ref",
        )  # fmt: skip
    )
    for pid, gd, nama, gb, nip, jab, st, ref in team:
        columns[pid] = MatrixColumn(pid, nama_lengkap(gd, nama, gb), nip or "", jab or "", ref, st)
    ordered = sorted(columns.values(), key=lambda c: (c.nama, c.pegawai_id))
    index = {c.pegawai_id: i for i, c in enumerate(ordered)}
    rows = [MatrixRow(pk, jenis, teks, [[] for _c in ordered]) for pk, jenis, teks in own]
    by_rhk = {r.rhk_id: r for r in rows}
    unlinked: list[list[MatrixCell]] = [[] for _c in ordered]
    for pid, target, cell in cells:
        if target in by_rhk:
            by_rhk[target].cells[index[pid]].append(cell)
        else:
            unlinked[index[pid]].append(cell)
    for r in rows:
        r.contributors = [(c, found) for c, found in zip(ordered, r.cells, strict=True) if found]
    return TeamMatrix(skp=skp, columns=ordered, rows=rows, unlinked=unlinked)
