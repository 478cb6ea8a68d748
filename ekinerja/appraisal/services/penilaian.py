"""The penilai's rating of an evaluation (issue 5 item 2; rules §1): rating hasil kerja
and rating perilaku kerja, the predikat read off the matrix (never typed), feedback per
RHK and per BerAKHLAK value.

Rules (issue 5 "Bad input"):
- only the evaluation's pejabat penilai rates it (the SKP's penilai, snapshotted when
  the period opened);
- only while the period is open, before penetapan, and never an annual evaluation in
  `last_period` mode (it copies the last period);
- a unit head's rating hasil kerja is the one their unit's organisation predikat gives
  (SE MenPANRB 3/2023), never another;
- a predikat sent along (the API) must be the matrix's.

A refusal changes nothing. The suggestion (rules §1) is stored with the rating so that a
past month can be explained; it is never forced.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import audit
from ekinerja.core.access import require_instansi
from ekinerja.core.notify import notify
from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope
from ekinerja.plans import domain as plans_domain

from ..domain import evaluation, ratings
from ..models import Evaluasi, PeriodePenilaian
from ..selectors.evaluasi import edit_block_reason, evaluasi_content
from .tahunan import annual_prefill

MAX_UMPAN_BALIK = 2000
MAX_CATATAN = 4000
NOTIFY_DINILAI = "evaluasi.dinilai"

NOT_PENILAI = gettext_lazy("Anda bukan pejabat penilai pegawai ini.")

_AUDITED = (
    "status",
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    "saran_hasil_kerja",
    "umpan_balik_rhk",
    "umpan_balik_perilaku",
    "catatan_penilai",
)
_NOTIFIED = ("rating_hasil_kerja", "rating_perilaku", "predikat")


def _clean_texts(
    raw: Mapping[int, str] | None, allowed: set[int], field: str, unknown: str
) -> dict[str, str] | None:
    """{str(key): stripped text} without the empty ones; None keeps what is stored."""
    if raw is None:
        return None
    out: dict[str, str] = {}
    for key, text in raw.items():
        try:
            k = int(key)
        except (TypeError, ValueError):
            raise ValidationError({field: unknown}) from None
        if k not in allowed:
            raise ValidationError({field: unknown})
        text = (text or "").strip()
        if len(text) > MAX_UMPAN_BALIK:
            raise ValidationError(
                {
                    field: _("Umpan balik paling banyak %(max)s karakter (sekarang %(n)s).")
                    % {"max": MAX_UMPAN_BALIK, "n": len(text)}
                }
            )
        if text:
            out[str(k)] = text
    return out


def _evaluasi_url(evaluasi_id: int) -> str:
    """The person's own view of the evaluation (helper A1's page; the list of their
    evaluations as a fallback while it is not mounted)."""
    for name, args in (
        ("appraisal:evaluasi-detail", [evaluasi_id]),
        ("appraisal:evaluasi-mine", []),
    ):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


@transaction.atomic
def evaluasi_rate(
    *,
    actor: Actor,
    evaluasi_id: int,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    umpan_balik_rhk: dict[int, str] | None = None,
    umpan_balik_perilaku: dict[int, str] | None = None,
    catatan: str = "",
    predikat: str | None = None,
) -> Evaluasi:
    """Rate an evaluation (draft or already rated → dinilai). Feedback dicts replace
    the stored ones (None keeps them); returns the saved evaluation."""
    actor = require_instansi(actor)
    evaluasi = (
        Evaluasi.objects.select_for_update(of=("self",))
        .select_related("periode_penilaian", "pegawai")
        .filter(instansi_id=actor.instansi_id, pk=evaluasi_id)
        .first()
    )
    if evaluasi is None:
        raise Http404(_("Evaluasi tidak ditemukan."))
    me = org_scope(actor).pegawai_id
    if me is None or evaluasi.penilai_id != me:
        raise PermissionDenied(NOT_PENILAI)

    content = evaluasi_content(evaluasi, with_evidence=False)
    aturan = content.aturan
    blocked = edit_block_reason(evaluasi, aturan)
    if blocked:
        raise ValidationError(blocked)

    hk = (rating_hasil_kerja or "").strip()
    pk = (rating_perilaku or "").strip()
    errors = ratings.rating_errors(hasil_kerja=hk, perilaku=pk, head_rating=content.head_rating)
    if errors:
        raise ValidationError(errors)
    computed = ratings.predikat_from_ratings(hk, pk)
    if predikat is not None and predikat != computed:
        raise ValidationError(
            {
                "predikat": _(
                    "Predikat tidak sesuai matriks: rating %(hk)s dan %(pk)s menghasilkan %(p)s."
                )
                % {
                    "hk": ratings.RATING_LABELS[hk],
                    "pk": ratings.RATING_LABELS[pk],
                    "p": ratings.PREDIKAT_LABELS[computed],
                }
            }
        )
    rhk_fb = _clean_texts(
        umpan_balik_rhk,
        {row.rhk.pk for row in content.rhk},
        "umpan_balik_rhk",
        _("Umpan balik ditujukan ke RHK yang bukan bagian SKP ini."),
    )
    perilaku_fb = _clean_texts(
        umpan_balik_perilaku,
        set(plans_domain.BERAKHLAK_NOMOR),
        "umpan_balik_perilaku",
        _("Nilai BerAKHLAK tidak dikenali."),
    )
    catatan = (catatan or "").strip()
    if len(catatan) > MAX_CATATAN:
        raise ValidationError(
            {
                "catatan": _("Catatan paling banyak %(max)s karakter (sekarang %(n)s).")
                % {"max": MAX_CATATAN, "n": len(catatan)}
            }
        )

    before = audit.snapshot(evaluasi, _AUDITED)
    evaluasi.rating_hasil_kerja = hk
    evaluasi.rating_perilaku = pk
    evaluasi.predikat = computed
    evaluasi.saran_hasil_kerja = content.saran_hasil_kerja or ""
    if rhk_fb is not None:
        evaluasi.umpan_balik_rhk = rhk_fb
    if perilaku_fb is not None:
        evaluasi.umpan_balik_perilaku = perilaku_fb
    evaluasi.catatan_penilai = catatan
    evaluasi.status = Evaluasi.Status.DINILAI
    evaluasi.dinilai_at = timezone.now()
    evaluasi.dinilai_oleh = actor.user
    evaluasi.aturan_versi = aturan.versi
    evaluasi.save(
        update_fields=[
            *_AUDITED,
            "dinilai_at",
            "dinilai_oleh",
            "aturan_versi",
            "updated_at",
        ]
    )
    changes = audit.diff(before, audit.snapshot(evaluasi, _AUDITED))
    if changes:
        audit.record(actor=actor.user, action="evaluasi.rate", obj=evaluasi, changes=changes)
    if any(f in changes for f in _NOTIFIED) and evaluasi.pegawai.user_id:
        notify(
            recipients=[evaluasi.pegawai.user_id],
            kind=NOTIFY_DINILAI,
            message=gettext_lazy(
                "Pejabat penilai menilai evaluasi kinerja Anda periode %(periode)s: "
                "predikat %(predikat)s."
            ),
            email_subject=gettext_lazy("Evaluasi kinerja %(periode)s sudah dinilai"),
            params={
                "periode": str(evaluasi.periode_penilaian),
                "predikat": ratings.PREDIKAT_LABELS[computed],
                "evaluasi_id": evaluasi.pk,
            },
            url=_evaluasi_url(evaluasi.pk),
            instansi_id=evaluasi.instansi_id,
        )
    if not evaluasi.periode_penilaian.is_tahunan:
        _follow_in_annual(evaluasi)
    return evaluasi


def _follow_in_annual(evaluasi: Evaluasi) -> None:
    """The year's own evaluation, while the penilai has not confirmed it, follows the
    latest rated period (rules §4): rating December after the year was opened moves the
    prefill from November to December. One query when the year is not open."""
    periode = evaluasi.periode_penilaian
    annual = PeriodePenilaian.objects.filter(
        instansi_id=evaluasi.instansi_id,
        periode_id=periode.periode_id,
        jenis=evaluation.JENIS_TAHUNAN,
        status=PeriodePenilaian.Status.DIBUKA,
    ).first()
    if annual is not None:
        annual_prefill(periode=annual, pegawai_ids=[evaluasi.pegawai_id])
