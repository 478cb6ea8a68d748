"""Documents of the appraisal (PermenPANRB 6/2022, Lampiran): the "Evaluasi Kinerja
Pegawai" form and the "Dokumen Evaluasi Kinerja Pegawai" handed to the person, as A4
PDFs (WeasyPrint), and the distribution curve of a unit as an inline SVG bar chart.

Both are official documents whose wording the regulation fixes, so they are always
rendered in Bahasa Indonesia (core.pdf renders them, and builds their context through
`in_document_language`, with Indonesian active), whatever the reader's UI
language; their labels are the form's own and live in the templates, not in the
catalogue. WeasyPrint fetches nothing: the templates are self-contained, the chart is
inline SVG and `core.pdf` refuses any URL, so text typed by users can never make the
server load a resource (the same approach as plans/documents.py).

Only a rated evaluation (dinilai or ditetapkan) has a document: a draft has no predikat
yet, and the caller refuses it with `DRAFT_MESSAGE`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ekinerja.core.numbers import number_text, round_half_up
from ekinerja.core.pdf import FONT_FAMILY, in_document_language, render_pdf
from ekinerja.org.models import Instansi
from ekinerja.plans.models import RHK

from .domain import distribution, evaluation, ratings
from .models import Evaluasi, PeriodePenilaian, PredikatOrganisasi
from .selectors.evaluasi import EvaluasiContent, IkiRow, evaluasi_content
from .selectors.kurva import CurveStatus, curve_status

# --- the distribution curve as an SVG bar chart (pure) ----------------------------------

CHART_WIDTH = 600
CHART_HEIGHT = 250
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 24, 58
BAR_FILL = "#a9c1dc"
BAR_HIGHLIGHT = "#1f4e79"
LIMIT_OK = "#1b7a3a"
LIMIT_FAIL = "#c0392b"
LIMIT_OPEN = "#8a6d00"  # not decided yet: people of the curve are still unrated
# Short names for the bars' axis, the regulation's names in the legend and the tables.
_AXIS_LABELS = {
    ratings.SANGAT_BAIK: ("Sangat Baik",),
    ratings.BAIK: ("Baik",),
    ratings.BUTUH_PERBAIKAN: ("Butuh", "Perbaikan"),
    ratings.KURANG: ("Kurang/", "Misconduct"),
    ratings.SANGAT_KURANG: ("Sangat", "Kurang"),
}


@dataclass(frozen=True)
class ChartLimit:
    """A curve rule on one predikat, drawn across its bar: at most / at least `limit`
    people; `state` is domain.distribution.RULE_PASS / RULE_FAIL / RULE_OPEN."""

    op: str
    limit: int
    ok: bool
    y: float
    state: str = distribution.RULE_PASS

    @property
    def colour(self) -> str:
        if self.state == distribution.RULE_OPEN:
            return LIMIT_OPEN
        return LIMIT_OK if self.ok else LIMIT_FAIL

    @property
    def label(self) -> str:
        return f"{'≤' if self.op == distribution.AT_MOST else '≥'} {self.limit}"


@dataclass(frozen=True)
class ChartBar:
    predikat: str
    count: int
    share: int  # whole percent of n, half up
    x: float
    y: float
    width: float
    height: float
    highlight: bool
    limits: tuple[ChartLimit, ...] = ()

    @property
    def axis_label(self) -> tuple[str, ...]:
        return _AXIS_LABELS[self.predikat]


@dataclass(frozen=True)
class Chart:
    n: int
    y_max: int
    ticks: tuple[tuple[int, float], ...]  # (people, y)
    bars: tuple[ChartBar, ...]
    # Rules on two or more predikat together (e.g. Butuh Perbaikan + Kurang ≥ 1): not
    # drawn on a single bar, listed under the chart by the caller.
    combined: tuple[distribution.CurveResult, ...] = field(default_factory=tuple)


def _nice_step(top: int) -> int:
    """A whole-people tick step giving at most ~5 gridlines: 1, 2, 5, 10, 20, 50, …"""
    if top <= 5:
        return 1
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def curve_chart(
    counts: Mapping[str, int],
    check: distribution.CurveCheck | None,
    *,
    highlight: str | None = None,
) -> Chart:
    """The geometry of the bar chart of a unit's staff predikat (rules §2): one bar per
    predikat, best first, with the people counted and their share of n; each curve rule
    on a single predikat as a marker at its limit across that bar (green when the rule
    holds, red when it fails). `highlight` is the person's own predikat."""
    n = sum(max(0, counts.get(p, 0)) for p in ratings.PREDIKAT)
    results = check.results if check is not None else ()
    single: dict[str, list[distribution.CurveResult]] = {}
    combined = []
    for r in results:
        if len(r.rule.predikat) == 1:
            single.setdefault(r.rule.predikat[0], []).append(r)
        else:
            combined.append(r)
    top = max([1, *(max(0, counts.get(p, 0)) for p in ratings.PREDIKAT)])
    top = max([top, *(r.limit for r in results if len(r.rule.predikat) == 1)])
    step = _nice_step(top)
    y_max = step * math.ceil(top / step)
    plot_h = CHART_HEIGHT - _TOP - _BOTTOM
    base = CHART_HEIGHT - _BOTTOM

    def y_of(people: int) -> float:
        return round(base - plot_h * people / y_max, 2)

    slot = (CHART_WIDTH - _LEFT - _RIGHT) / len(ratings.PREDIKAT)
    width = round(slot * 0.5, 2)
    bars = []
    for i, p in enumerate(ratings.PREDIKAT):
        count = max(0, counts.get(p, 0))
        share = int(round_half_up(Decimal(100 * count) / n)) if n else 0
        y = y_of(count)
        limits = tuple(
            ChartLimit(r.rule.op, r.limit, r.ok, y_of(r.limit), r.state) for r in single.get(p, [])
        )
        bars.append(
            ChartBar(
                predikat=p,
                count=count,
                share=share,
                x=round(_LEFT + slot * i + (slot - width) / 2, 2),
                y=y,
                width=width,
                height=round(base - y, 2),
                highlight=p == highlight,
                limits=limits,
            )
        )
    ticks = tuple((v, y_of(v)) for v in range(0, y_max + 1, step))
    return Chart(n=n, y_max=y_max, ticks=ticks, bars=tuple(bars), combined=tuple(combined))


def curve_chart_svg(
    counts: Mapping[str, int],
    check: distribution.CurveCheck | None,
    *,
    highlight: str | None = None,
) -> str:
    """The chart of `curve_chart` as self-contained SVG markup (no external resource,
    every text escaped), for the PDF."""
    c = curve_chart(counts, check, highlight=highlight)
    base = CHART_HEIGHT - _BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {CHART_WIDTH} '
        f'{CHART_HEIGHT}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" role="img" '
        # WeasyPrint's SVG does not inherit the page's CSS font: name the shipped one.
        f'font-family="{FONT_FAMILY}" font-size="12">',
        # Official document, always Indonesian: literal labels, not the catalogue.
        "<title>Distribusi predikat kinerja pegawai</title>",
    ]
    for value, y in c.ticks:
        stroke, stroke_width = ("#000", 1) if value == 0 else ("#d0d0d0", 0.6)
        out.append(
            f'<line x1="{_LEFT}" y1="{y}" x2="{CHART_WIDTH - _RIGHT}" y2="{y}" '
            f'stroke="{stroke}" stroke-width="{stroke_width}"/>'
        )
        out.append(
            f'<text x="{_LEFT - 6}" y="{y + 4}" text-anchor="end" fill="#444">{value}</text>'
        )
    out.append(
        f'<text x="12" y="{(_TOP + base) / 2}" text-anchor="middle" fill="#444" font-size="11" '
        f'transform="rotate(-90 12 {(_TOP + base) / 2})">orang</text>'
    )
    for b in c.bars:
        fill = BAR_HIGHLIGHT if b.highlight else BAR_FILL
        cx = b.x + b.width / 2
        if b.height > 0:
            out.append(
                f'<rect x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}" fill="{fill}" '
                'stroke="#1f4e79" stroke-width="0.8"/>'
            )
        count_text = f"{b.count} ({b.share}%)" if c.n else str(b.count)
        # Above the bar and above any limit marker drawn across it.
        top = min([b.y, *(lim.y for lim in b.limits)])
        out.append(
            f'<text x="{cx}" y="{top - 6}" text-anchor="middle" font-weight="bold">'
            f"{escape(count_text)}</text>"
        )
        for i, line in enumerate(b.axis_label):
            weight = ' font-weight="bold"' if b.highlight else ""
            out.append(
                f'<text x="{cx}" y="{base + 16 + 14 * i}" text-anchor="middle"{weight}>'
                f"{escape(line)}</text>"
            )
        for lim in b.limits:
            colour = lim.colour
            x1, x2 = b.x - 10, b.x + b.width + 10
            out.append(
                f'<line x1="{x1}" y1="{lim.y}" x2="{x2}" y2="{lim.y}" stroke="{colour}" '
                'stroke-width="2.5" stroke-dasharray="6 3"/>'
            )
            out.append(
                f'<text x="{x2 + 3}" y="{lim.y + 4}" fill="{colour}" font-size="12" '
                f'font-weight="bold">{escape(lim.label)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


# --- what the documents print ------------------------------------------------------------


def draft_message() -> str:
    """Why a draft has no document (shown by the view, in the reader's language)."""
    return _(
        "Evaluasi ini belum dinilai oleh pejabat penilai, sehingga belum ada predikat untuk "
        "dicetak. Dokumen evaluasi tersedia setelah penilaian disimpan."
    )


@dataclass
class IkiLine:
    aspek: str
    indikator: str
    target: str
    realisasi: str
    capaian: str
    catatan: str = ""


@dataclass
class RhkBlock:
    no: int
    intervensi: str
    teks: str
    umpan_balik: str
    iki: list[IkiLine] = field(default_factory=list)

    @property
    def span(self) -> int:
        return max(1, len(self.iki))

    @property
    def first(self) -> IkiLine | None:
        return self.iki[0] if self.iki else None

    @property
    def rest(self) -> list[IkiLine]:
        return self.iki[1:]


@dataclass(frozen=True)
class Option:
    """One choice of the form's "coret yang tidak perlu" lists: the chosen one stands,
    the others are struck through."""

    label: str
    chosen: bool


def realisasi_text(row: IkiRow) -> str:
    """The realisasi as printed: number + unit for numeric targets, the text for
    kualitatif ones, "-" when none was entered."""
    r = row.realisasi
    if r is None:
        return "-"
    if row.numeric and r.nilai is not None:
        satuan = f" {row.iki.satuan}" if row.iki.satuan else ""
        return f"{number_text(r.nilai)}{satuan}"
    return r.teks.strip() or "-"


def _blocks(content: EvaluasiContent, intervensi: Mapping[int, str]) -> tuple[list, list]:
    utama: list[RhkBlock] = []
    tambahan: list[RhkBlock] = []
    for row in content.rhk:
        into = utama if row.utama else tambahan
        block = RhkBlock(
            no=len(into) + 1,
            intervensi=intervensi.get(row.rhk.intervensi_id or 0, ""),
            teks=row.rhk.teks,
            umpan_balik=row.umpan_balik_penilai,
        )
        for i in row.iki:
            block.iki.append(
                IkiLine(
                    aspek=str(i.iki.get_aspek_display()),
                    indikator=i.iki.indikator,
                    target=i.target,
                    realisasi=realisasi_text(i),
                    capaian=i.capaian_text if i.capaian is not None else "-",
                    catatan=(i.realisasi.catatan.strip() if i.realisasi else ""),
                )
            )
        into.append(block)
    return utama, tambahan


def _identity(block: Mapping[str, Any] | None) -> dict[str, str]:
    block = block or {}
    pangkat = ", ".join(p for p in (block.get("pangkat") or "", block.get("golongan") or "") if p)
    return {
        "nama": block.get("nama") or "",
        "nip": block.get("nip") or "",
        "pangkat": pangkat,
        "jabatan": block.get("jabatan") or "",
        "unit": block.get("unit") or "",
    }


def _tanggal(d: dt.date) -> str:
    return formats.date_format(d, "j F Y")


def _local_date(instansi: Instansi, moment: dt.datetime | None) -> dt.date:
    tz = ZoneInfo(instansi.zona_waktu or "Asia/Jakarta")
    if moment is not None:
        return timezone.localtime(moment, tz).date()
    return timezone.localdate(timezone=tz)


def _options(labels: Mapping[str, Any], chosen: str) -> list[Option]:
    return [Option(str(label), key == chosen) for key, label in labels.items()]


def _periode_text(periode: PeriodePenilaian) -> str:
    return f"{_tanggal(periode.tanggal_mulai)} s.d. {_tanggal(periode.tanggal_selesai)}"


def _status(evaluasi: Evaluasi, instansi: Instansi) -> str:
    if evaluasi.status == evaluation.EVALUASI_DITETAPKAN:
        when = _local_date(instansi, evaluasi.ditetapkan_at) if evaluasi.ditetapkan_at else None
        return f"Ditetapkan {_tanggal(when)}" if when else "Ditetapkan"
    return "Dinilai, belum ditetapkan"


def _common(evaluasi: Evaluasi, instansi: Instansi) -> dict[str, Any]:
    periode = evaluasi.periode_penilaian
    snapshot = evaluasi.snapshot or {}
    pegawai = _identity(snapshot.get("pegawai"))
    penilai = _identity(snapshot.get("penilai"))
    atasan = _identity(snapshot.get("atasan_penilai"))
    fields = (
        ("NAMA", "nama"),
        ("NIP", "nip"),
        ("PANGKAT/GOL", "pangkat"),
        ("JABATAN", "jabatan"),
        ("UNIT KERJA", "unit"),
    )
    return {
        "ident_rows": [(label, pegawai[k], penilai[k], atasan[k]) for label, k in fields],
        "evaluasi": evaluasi,
        "instansi": instansi,
        "periode_label": periode.label,
        "periode_text": _periode_text(periode),
        "pendekatan": str(evaluasi.skp.get_pendekatan_display()).upper(),
        "pegawai": pegawai,
        "penilai": penilai,
        "atasan": atasan,
        "rating_hk": _options(ratings.RATING_LABELS, evaluasi.rating_hasil_kerja),
        "rating_pk": _options(ratings.RATING_LABELS, evaluasi.rating_perilaku),
        "predikat": _options(ratings.PREDIKAT_LABELS, evaluasi.predikat),
        "predikat_label": ratings.PREDIKAT_LABELS.get(evaluasi.predikat, ""),
        "tempat": instansi.kota or instansi.nama,
        "final": evaluasi.status == evaluation.EVALUASI_DITETAPKAN,
        "status_label": _status(evaluasi, instansi),
        "catatan": evaluasi.catatan_penilai.strip(),
    }


def _org_text(po: PredikatOrganisasi | None) -> str:
    return ratings.PREDIKAT_ORGANISASI_LABELS.get(po.predikat, "") if po else ""


@in_document_language
def evaluasi_document_context(
    evaluasi: Evaluasi, instansi: Instansi, content: EvaluasiContent | None = None
) -> dict[str, Any]:
    """What the "Evaluasi Kinerja Pegawai" form shows. `evaluasi` comes from
    access.access_evaluasi (periode, skp, unit_kurva loaded)."""
    content = content or evaluasi_content(evaluasi, with_evidence=False)
    ids = {r.rhk.intervensi_id for r in content.rhk if r.rhk.intervensi_id}
    intervensi = (
        dict(
            RHK.objects.filter(instansi_id=evaluasi.instansi_id, pk__in=ids).values_list(
                "pk", "teks"
            )
        )
        if ids
        else {}
    )
    utama, tambahan = _blocks(content, intervensi)
    org = (
        PredikatOrganisasi.objects.filter(
            instansi_id=evaluasi.instansi_id,
            unit_id=evaluasi.unit_kurva_id,
            periode_penilaian_id=evaluasi.periode_penilaian_id,
        ).first()
        if content.predikat_organisasi is None
        or content.predikat_organisasi.unit_id != evaluasi.unit_kurva_id
        else content.predikat_organisasi
    )
    head = None
    if content.head_rating and content.predikat_organisasi is not None:
        head = {
            "unit": content.predikat_organisasi.unit.nama,
            "predikat": _org_text(content.predikat_organisasi),
            "rating": str(ratings.RATING_LABELS[content.head_rating]),
            # The organisation predikat changed after the rating: say so, the penilai
            # must rate again (penetapan refuses a counted head who disagrees).
            "sesuai": evaluasi.rating_hasil_kerja == content.head_rating,
        }
    signed = _local_date(instansi, evaluasi.dinilai_at)
    return {
        **_common(evaluasi, instansi),
        "groups": [
            ("A. Utama", utama, "Tidak ada rencana hasil kerja utama."),
            ("B. Tambahan", tambahan, "Tidak ada rencana hasil kerja tambahan."),
        ],
        "perilaku": content.perilaku,
        "organisasi": {"unit": evaluasi.unit_kurva.nama, "predikat": _org_text(org)},
        "head": head,
        "tanggal": _tanggal(signed),
    }


@dataclass(frozen=True)
class RuleLine:
    text: str
    ok: bool
    state: str = distribution.RULE_PASS


@in_document_language
def dokumen_document_context(
    evaluasi: Evaluasi, instansi: Instansi, status: CurveStatus | None = None
) -> dict[str, Any]:
    """What the "Dokumen Evaluasi Kinerja Pegawai" shows: the organisation's result and
    its distribution curve, the person's ratings and predikat, the signatures."""
    status = status or curve_status(periode=evaluasi.periode_penilaian, unit=evaluasi.unit_kurva)
    highlight = evaluasi.predikat if evaluasi.dalam_kurva else None
    rules = (
        [RuleLine(r.text(), r.ok, r.state) for r in status.check.results] if status.check else []
    )
    signed = _local_date(instansi, evaluasi.ditetapkan_at or evaluasi.dinilai_at)
    return {
        **_common(evaluasi, instansi),
        "organisasi": {
            "unit": evaluasi.unit_kurva.nama,
            "predikat": _org_text(status.predikat_organisasi),
        },
        "org_options": _options(
            ratings.PREDIKAT_ORGANISASI_LABELS,
            status.predikat_organisasi.predikat if status.predikat_organisasi else "",
        ),
        "kurva": status,
        "chart": curve_chart_svg(status.counts, status.check, highlight=highlight),
        "rows": status.rows(),
        "rules": rules,
        "kurva_ok": status.check.ok if status.check else None,
        # A small curve no rating of its people could satisfy (rules §2): why it does
        # not apply, printed under the rules.
        "kurva_tidak_berlaku": (
            # tidak_berlaku implies a check
            status.check.unsatisfiable_note()
            if status.check is not None and status.tidak_berlaku
            else ""
        ),
        "dalam_kurva": evaluasi.dalam_kurva,
        "kepala_unit_kurva": evaluasi.kepala_unit_id == evaluasi.unit_kurva_id,
        "tanggal": _tanggal(signed),
    }


def evaluasi_pdf(evaluasi: Evaluasi, instansi: Instansi | None = None) -> bytes:
    """The "Evaluasi Kinerja Pegawai" form as an A4 landscape PDF. Access and the
    draft refusal are the caller's; a draft raises ValueError here."""
    if evaluasi.status == evaluation.EVALUASI_DRAFT or not evaluasi.predikat:
        raise ValueError("a draft evaluation has no document")
    instansi = instansi or Instansi.objects.get(pk=evaluasi.instansi_id)
    return render_pdf("appraisal/evaluasi_pdf.html", evaluasi_document_context(evaluasi, instansi))


def dokumen_evaluasi_pdf(evaluasi: Evaluasi, instansi: Instansi | None = None) -> bytes:
    """The "Dokumen Evaluasi Kinerja Pegawai" as an A4 portrait PDF."""
    if evaluasi.status == evaluation.EVALUASI_DRAFT or not evaluasi.predikat:
        raise ValueError("a draft evaluation has no document")
    instansi = instansi or Instansi.objects.get(pk=evaluasi.instansi_id)
    return render_pdf(
        "appraisal/dokumen_evaluasi_pdf.html", dokumen_document_context(evaluasi, instansi)
    )


def _periode_slug(periode: PeriodePenilaian) -> str:
    tahun = periode.tanggal_mulai.year
    if periode.jenis == evaluation.JENIS_BULANAN:
        return f"{tahun}-{periode.nomor:02d}"
    if periode.jenis == evaluation.JENIS_TRIWULANAN:
        return f"{tahun}-TW{periode.nomor}"
    return f"{tahun}-Tahunan"


def pdf_filename(evaluasi: Evaluasi, kind: str) -> str:
    """EvaluasiKinerja_<NIP>_2026-03.pdf / DokumenEvaluasi_<NIP>_2026-TW1.pdf"""
    return pdf_name(kind, evaluasi.pegawai.nip, evaluasi.pegawai_id, evaluasi.periode_penilaian)


def pdf_name(kind: str, nip: str | None, pegawai_id: int, periode: PeriodePenilaian) -> str:
    """pdf_filename from its parts (the SIASN export names each record's document)."""
    prefix = {"evaluasi": "EvaluasiKinerja", "dokumen": "DokumenEvaluasi"}[kind]
    return f"{prefix}_{nip or f'pegawai{pegawai_id}'}_{_periode_slug(periode)}.pdf"
