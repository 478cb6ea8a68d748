"""The demo plans as plain data: `build_plans(org, tahun=…, seed=…)`, no database.

All randomness comes from one `random.Random(seed)` drawn in a fixed order (people by
breadth-first walk from the top, siblings by id), so the same org chart and seed always
give the same plans. See the package docstring for what is built and why.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from ekinerja.org.models import Jabatan, Pegawai

from .. import domain
from . import vocabulary as v

NON_ASN = Pegawai.Status.NON_ASN.value
JPT = frozenset(
    {Jabatan.Jenis.JPT_UTAMA.value, Jabatan.Jenis.JPT_MADYA.value, Jabatan.Jenis.JPT_PRATAMA.value}
)
ADM = Jabatan.Jenis.ADMINISTRATOR.value
PENGAWAS = Jabatan.Jenis.PENGAWAS.value
JF = Jabatan.Jenis.FUNGSIONAL.value

# Shares of the SKP statuses of staff (people nobody reports to), dealt out as quotas;
# supervisors are approved.
LEAF_STATUS_WEIGHTS = (
    (domain.DISETUJUI, 0.905),
    (domain.DIAJUKAN, 0.04),
    (domain.DRAFT, 0.035),
    (domain.DIKEMBALIKAN, 0.02),
)
UNSUPPORTED_SHARE = 0.05  # supervisors keeping one RHK utama that nobody intervenes in
TAMBAHAN_SHARE = 0.25
BIAYA_SHARE = 0.4  # of a leader's RHK with a cost indicator
RANGE_SHARE = 0.12  # of counted targets written as a range
KUALITATIF_SHARE = 0.05  # of staff SKP
PLT_RHK = 2  # RHK tambahan a Plt adds for the position they act in

_JF_NAMES = sorted(v.JF_KIND, key=len, reverse=True)  # "Dokter Gigi" before "Dokter"
_PREFIXES = (
    "Subbidang ", "Subbagian ", "Bidang ", "Seksi ", "Bagian ", "Asisten ",
    "Inspektur Pembantu Wilayah ", "Sekretariat ",
)  # fmt: skip
_KESEHATAN = frozenset(
    {"kapus", "katu_pkm", "dokter", "dokter_gigi", "perawat", "bidan", "apoteker",
     "nutrisionis", "sanitarian", "lab", "pengolah_data", "epidemiolog", "adminkes"}
)  # fmt: skip
_STOP = frozenset(
    {"yang", "pada", "dalam", "untuk", "secara", "bagi", "kepada", "serta", "sesuai",
     "lingkup", "wilayah", "kerja", "kabupaten", "contoh", "tugas", "sebagai", "selaku",
     "atas", "dengan", "tahun", "daerah"}
)  # fmt: skip


# --- input: the org chart as plain rows ------------------------------------------


@dataclass(frozen=True)
class OrgUnit:
    id: int
    nama: str
    kode: str
    parent_id: int | None
    is_opd: bool


@dataclass(frozen=True)
class OrgJabatan:
    id: int
    kode: str
    nama: str
    jenis: str
    parent_id: int | None
    unit_id: int
    is_head: bool


@dataclass(frozen=True)
class OrgPerson:
    id: int
    status: str
    aktif: bool
    jabatan_id: int | None
    atasan_id: int | None
    user_id: int | None
    identitas: dict[str, Any]  # the SKP header block (services.creation.identitas)


@dataclass
class OrgChart:
    units: dict[int, OrgUnit]
    jabatan: dict[int, OrgJabatan]
    people: dict[int, OrgPerson]
    plt: dict[int, tuple[int, ...]] = field(default_factory=dict)  # pegawai → acting posts


# --- output: the plans ------------------------------------------------------------


@dataclass(frozen=True)
class IkiSpec:
    aspek: str
    indikator: str
    target_jenis: str
    nilai: Decimal | None
    minimum: Decimal | None
    maksimum: Decimal | None
    teks: str
    satuan: str


@dataclass
class RhkSpec:
    key: int
    skp: int  # index in PlansPlan.skp
    jenis: str
    teks: str
    intervensi: int | None  # key of the penilai's RHK
    urutan: int
    iki: list[IkiSpec]


@dataclass
class SkpSpec:
    pegawai_id: int
    jabatan_id: int
    penilai_id: int | None
    atasan_penilai_id: int | None
    status: str
    pendekatan: str
    snapshot: dict[str, Any]
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    approved_by_id: int | None
    alasan: str
    ekspektasi: tuple[str, ...]  # seven, in BerAKHLAK order
    lampiran: tuple[str, str, str]
    top: bool
    rhk: list[int] = field(default_factory=list)  # keys


@dataclass
class PlansPlan:
    tahun: int
    seed: int
    skp: list[SkpSpec] = field(default_factory=list)
    rhk: list[RhkSpec] = field(default_factory=list)

    def status_counts(self) -> Counter[str]:
        return Counter(s.status for s in self.skp)

    @property
    def n_iki(self) -> int:
        return sum(len(r.iki) for r in self.rhk)


# --- helpers ----------------------------------------------------------------------


def topik(nama: str) -> str:
    """A unit's subject as running text: “Seksi Kurikulum dan Penilaian SD” →
    “kurikulum dan penilaian SD” (acronyms and numbers keep their case)."""
    for prefix in _PREFIXES:
        if nama.startswith(prefix):
            nama = nama[len(prefix) :]
            break
    words = nama.split()
    return " ".join(w if w.isupper() or any(c.isdigit() for c in w) else w.lower() for w in words)


def nice(n: int) -> int:
    """A generated count rounded the way targets are written (1.200, not 1.237)."""
    step = 100 if n >= 2000 else 10 if n >= 200 else 5 if n >= 40 else 1
    return round(n / step) * step


def _words(teks: str) -> frozenset[str]:
    """Content words of an RHK, to pair a staff RHK with the closest supervisor RHK."""
    return frozenset(
        w
        for w in re.findall(r"[a-z]+", teks.lower())
        if len(w) > 3 and not w.endswith("nya") and w not in _STOP
    )


@cache
def _dec(x: str | int) -> Decimal:
    return Decimal(str(x))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# --- the builder ------------------------------------------------------------------


class _Builder:
    def __init__(self, org: OrgChart, tahun: int, seed: int, forced: Mapping[int, str]):
        self.org = org
        self.tahun = tahun
        self.rng = random.Random(seed)
        self.forced = forced
        self.plan = PlansPlan(tahun=tahun, seed=seed)
        self.skp_of: dict[int, SkpSpec] = {}
        # The RHK a penilai's staff intervene in: (penilai, acting post or 0) → keys.
        self.pool: dict[tuple[int, int], list[int]] = {}
        self.used: Counter[int] = Counter()  # RHK key → staff RHK intervening in it
        self.team: dict[int, tuple[int, v.Tpl]] = {}  # penilai → their RHK tambahan
        self.words: dict[str, frozenset[str]] = {}
        self.opd_cache: dict[int, OrgUnit | None] = {}
        self.leaf_statuses: list[str] = []
        self.base = dt.datetime(tahun - 1, 12, 1, 1, 0, tzinfo=dt.UTC)  # 08.00 WIB

    # -- classification ----------------------------------------------------------

    def opd_of(self, unit_id: int) -> OrgUnit | None:
        if unit_id not in self.opd_cache:
            u = self.org.units.get(unit_id)
            while u is not None and not u.is_opd:
                u = self.org.units.get(u.parent_id) if u.parent_id else None
            self.opd_cache[unit_id] = u
        return self.opd_cache[unit_id]

    def kind(self, j: OrgJabatan) -> str:
        """The templates a position writes from: "pk" for the head of an OPD (their RHK
        come from the Perjanjian Kinerja), else a key of vocabulary.RHK."""
        unit = self.org.units.get(j.unit_id)
        nama = j.nama
        if j.is_head and unit is not None and unit.is_opd:
            return "pk"
        if j.jenis in JPT:
            return "asisten"
        if j.jenis == ADM:
            if nama.startswith("Sekretaris"):
                return "sekretaris"
            return "irban" if nama.startswith("Inspektur Pembantu") else "kabid"
        if j.jenis == PENGAWAS:
            return self.kind_pengawas(j)
        if j.jenis == JF:
            if j.is_head:
                if nama.startswith("Kepala UPT S"):
                    return "kepsek"
                return "kepala_bpp" if nama.startswith("Kepala UPT Balai Penyuluhan") else "kasi"
            return next((v.JF_KIND[n] for n in _JF_NAMES if nama.startswith(n)), "jf_umum")
        return v.PELAKSANA_KIND.get(nama, "penata_layanan")

    @staticmethod
    def kind_pengawas(j: OrgJabatan) -> str:
        nama = j.nama
        for prefix, kind in (
            ("Kepala UPTD Puskesmas", "kapus"), ("Lurah", "lurah"),
            ("Sekretaris Kelurahan", "seklur"),
        ):  # fmt: skip
            if nama.startswith(prefix):
                return kind
        if nama.startswith("Kepala Subbagian Tata Usaha") and j.kode.startswith("PKM-"):
            return "katu_pkm"
        if "-SEK-" in j.kode:  # a subbagian of an OPD's sekretariat
            for word in ("Umum", "Keuangan", "Perencanaan"):
                if nama.startswith(f"Kepala Subbagian {word}"):
                    return f"kasubbag_{word.lower()}"
        return "kasi"

    def context(self, j: OrgJabatan) -> dict[str, str]:
        unit = self.org.units.get(j.unit_id)
        opd = self.opd_of(j.unit_id)
        unit_nama = unit.nama if unit else ""
        return {
            "unit": unit_nama,
            "topik": topik(unit_nama),
            "opd": opd.nama if opd else unit_nama,
            "jabatan": j.nama,
        }

    def templates(self, j: OrgJabatan, kind: str) -> tuple[v.Tpl, ...]:
        if kind != "pk":
            return v.RHK[kind]
        opd = self.opd_of(j.unit_id)
        kode = opd.kode if opd else ""
        return v.PK.get("KEC" if kode.startswith("KEC-") else kode, v.PK_UMUM)

    # -- indicators --------------------------------------------------------------

    def iki_for(
        self, t: v.Tpl, ctx: dict[str, str], leader: bool, kualitatif: bool
    ) -> list[IkiSpec]:
        """The main IKI of a template and one or two more of other aspects."""
        rng = self.rng
        outcome = t.obj[:1].isupper()  # a rate or an index, given whole
        obj = t.obj.format(**ctx)
        indikator = obj if outcome else f"Jumlah {obj}"
        lo, hi = _dec(t.lo), _dec(t.hi)
        if t.rentang:
            main = IkiSpec(t.aspek, indikator, domain.TARGET_RENTANG, None, lo, hi, "", t.satuan)
        else:
            n = lo if lo == hi else _dec(nice(rng.randint(int(lo), int(hi))))
            if not outcome and n >= 5 and rng.random() < RANGE_SHARE:
                top = max(n, _dec(nice(int(n * 6 / 5))))
                main = IkiSpec(t.aspek, indikator, domain.TARGET_RENTANG, None, n, top, "",
                               t.satuan)  # fmt: skip
            else:
                main = IkiSpec(t.aspek, indikator, domain.TARGET_ANGKA, n, None, None, "",
                               t.satuan)  # fmt: skip
        if outcome:
            cls, noun = "hasil", "laporan capaian kinerja"
        elif t.satuan in v.SATUAN_DOKUMEN:
            cls, noun = "dokumen", obj
        elif t.satuan in v.SATUAN_LAYANAN:
            cls, noun = "layanan", obj
        else:
            cls, noun = "kegiatan", "pelaksanaan kegiatan"
        if " yang " in f" {noun} ":
            noun = t.satuan  # "Persentase layanan yang …", not "layanan yang … yang …"
        others = [a for a in (domain.ASPEK_KUALITAS, domain.ASPEK_WAKTU) if a != t.aspek]
        if leader and t.aspek != domain.ASPEK_BIAYA and rng.random() < BIAYA_SHARE:
            others.append(domain.ASPEK_BIAYA)
        chosen = rng.sample(others, min(rng.choice((1, 2, 2)), len(others)))
        subs = [
            self.sub_iki(a, cls, noun, kualitatif) for a in sorted(chosen, key=domain.ASPEK.index)
        ]
        return [main, *subs]

    def sub_iki(self, aspek: str, cls: str, noun: str, kualitatif: bool) -> IkiSpec:
        rng = self.rng
        if kualitatif and aspek != domain.ASPEK_BIAYA:
            texts = v.TEKS_KUALITAS if aspek == domain.ASPEK_KUALITAS else v.TEKS_WAKTU
            indikator = rng.choice(v.SUB[(aspek, cls)]).indikator.format(n=noun)
            teks = rng.choice(texts).format(N=_cap(noun))
            return IkiSpec(aspek, indikator, domain.TARGET_TEKS, None, None, None, teks, "")
        sub = rng.choice(v.SUB[(aspek, "" if aspek == domain.ASPEK_BIAYA else cls)])
        indikator = sub.indikator.format(n=noun)
        lo, hi = _dec(sub.lo), _dec(sub.hi)
        if sub.rentang:
            return IkiSpec(aspek, indikator, domain.TARGET_RENTANG, None, lo, hi, "", sub.satuan)
        return IkiSpec(aspek, indikator, domain.TARGET_ANGKA, lo, None, None, "", sub.satuan)

    # -- the cascade -------------------------------------------------------------

    def pick(self, penilai_id: int, post: int, teks: str) -> int:
        """The penilai's RHK that a staff RHK intervenes in: the least supported first,
        so that the staff together cover the supervisor's results; among those, the one
        sharing most words. Staff of a post a Plt acts in pick the Plt's RHK for it."""
        k = (penilai_id, post) if (penilai_id, post) in self.pool else (penilai_id, 0)
        mine = self.words_of(teks)
        used, rhk = self.used, self.plan.rhk
        best = min(
            enumerate(self.pool[k]),
            key=lambda ik: (used[ik[1]], -len(mine & self.words_of(rhk[ik[1]].teks)), ik[0]),
        )[1]
        used[best] += 1
        return best

    def words_of(self, teks: str) -> frozenset[str]:
        found = self.words.get(teks)
        if found is None:
            found = self.words[teks] = _words(teks)
        return found

    def add_rhk(
        self, skp_index: int, spec: SkpSpec, jenis: str, teks: str, iki: list[IkiSpec],
        intervensi: int | None,
    ) -> int:  # fmt: skip
        key = len(self.plan.rhk)
        urutan = len(spec.rhk) + 1
        self.plan.rhk.append(RhkSpec(key, skp_index, jenis, teks, intervensi, urutan, iki))
        spec.rhk.append(key)
        return key

    def times(
        self, status: str, penilai_skp: SkpSpec | None
    ) -> tuple[dt.datetime | None, dt.datetime | None]:
        """Submitted after the penilai's approval (staff cannot intervene before), approved
        within two days; the year's planning runs from early December."""
        rng = self.rng
        start = penilai_skp.approved_at if penilai_skp and penilai_skp.approved_at else self.base
        if status == domain.DRAFT:
            return None, None
        submitted = start + dt.timedelta(minutes=rng.randint(120, 3 * 24 * 60))
        if status != domain.DISETUJUI:
            return submitted, None
        return submitted, submitted + dt.timedelta(minutes=rng.randint(60, 2 * 24 * 60))

    def lampiran(
        self, kind: str, ctx: dict[str, str], penilai: OrgPerson | None
    ) -> tuple[str, str, str]:
        opd = ctx["opd"]
        if kind in ("guru", "kepsek", "pengawas_sekolah", "ptp"):
            app = v.APLIKASI["guru"]
        elif kind in _KESEHATAN:
            app = v.APLIKASI["kesehatan"]
        elif kind in ("analis_sdm", "asesor_sdm") or opd.startswith("Badan Kepegawaian"):
            app = v.APLIKASI["kepegawaian"]
        elif kind in ("analis_keuangan", "kasubbag_keuangan") or opd.startswith(
            "Badan Pengelolaan Keuangan"
        ):
            app = v.APLIKASI["keuangan"]
        elif kind in ("penyuluh_pertanian", "kepala_bpp"):
            app = v.APLIKASI["pertanian"]
        else:
            app = v.APLIKASI["umum"].format(opd=opd)
        atasan = (penilai.identitas.get("jabatan") if penilai else "") or "pejabat penilai"
        fill = {**ctx, "tahun": self.tahun, "aplikasi": app, "penilai": atasan}
        rng = self.rng
        return (
            rng.choice(v.DUKUNGAN).format(**fill),
            rng.choice(v.SKEMA).format(**fill),
            rng.choice(v.KONSEKUENSI).format(**fill),
        )

    def status_for(self, p: OrgPerson, has_staff: bool) -> str:
        # Taken from the shuffled quota even when forced, so that forcing one person's
        # status does not reshuffle everyone else's.
        status = domain.DISETUJUI
        if not has_staff and self.leaf_statuses:
            status = self.leaf_statuses.pop()
        return self.forced.get(p.id, status)

    def quota(self, n: int) -> list[str]:
        """Statuses for `n` staff in LEAF_STATUS_WEIGHTS proportions (largest remainder,
        at least one of each from 20 staff), shuffled: the same mix at every size."""
        raw = [(s, n * w) for s, w in LEAF_STATUS_WEIGHTS]
        counts = {s: int(x) for s, x in raw}
        if n >= 20:
            for s, _w in raw[1:]:
                counts[s] = max(1, counts[s])
        by_remainder = sorted(raw, key=lambda sx: sx[1] - int(sx[1]), reverse=True)
        for s, _x in by_remainder[: max(0, n - sum(counts.values()))]:
            counts[s] += 1
        counts[domain.DISETUJUI] -= max(0, sum(counts.values()) - n)
        out = [s for s, _w in LEAF_STATUS_WEIGHTS for _i in range(counts[s])]
        self.rng.shuffle(out)
        return out

    def skp(self, p: OrgPerson, n_siblings: int, has_staff: bool) -> None:
        rng, org = self.rng, self.org
        j = org.jabatan[p.jabatan_id]  # type: ignore[index]
        penilai = org.people.get(p.atasan_id) if p.atasan_id != p.id else None  # type: ignore[arg-type]
        top = penilai is None or penilai.status == NON_ASN
        penilai_skp = self.skp_of.get(penilai.id) if penilai is not None else None
        status = self.status_for(p, has_staff)
        # Staff whose penilai has no approved SKP have nothing to intervene in yet: their
        # SKP is an empty draft, as in the application.
        waiting = penilai is not None and not top and (penilai.id, 0) not in self.pool
        if waiting:
            status = domain.DRAFT
        kind = self.kind(j)
        ctx = self.context(j)
        kualitatif = not (top or has_staff or waiting) and rng.random() < KUALITATIF_SHARE
        submitted, approved = self.times(status, penilai_skp)
        atasan_penilai = org.people.get(penilai.atasan_id or 0) if penilai else None
        filled = status in (domain.DISETUJUI, domain.DIKEMBALIKAN)
        spec = SkpSpec(
            pegawai_id=p.id,
            jabatan_id=j.id,
            penilai_id=penilai.id if penilai else None,
            atasan_penilai_id=atasan_penilai.id if atasan_penilai else None,
            status=status,
            pendekatan=domain.KUALITATIF if kualitatif else domain.KUANTITATIF,
            snapshot={
                "pegawai": p.identitas,
                "penilai": penilai.identitas if penilai else None,
                "atasan_penilai": atasan_penilai.identitas if atasan_penilai else None,
            },
            submitted_at=submitted,
            approved_at=approved,
            approved_by_id=penilai.user_id if approved and penilai else None,
            alasan=rng.choice(v.ALASAN_DIKEMBALIKAN) if status == domain.DIKEMBALIKAN else "",
            # The penilai writes the expectations while reviewing (rules §8).
            ekspektasi=tuple(
                rng.choice(v.EKSPEKTASI[n]).format(**ctx) if filled else ""
                for n in domain.BERAKHLAK_NOMOR
            ),
            lampiran=("", "", "") if waiting else self.lampiran(kind, ctx, penilai),
            top=top,
        )
        index = len(self.plan.skp)
        self.plan.skp.append(spec)
        self.skp_of[p.id] = spec
        if waiting:
            return
        self.fill(index, spec, p, j, kind, ctx, penilai, n_siblings, has_staff, kualitatif)

    def fill(
        self, index: int, spec: SkpSpec, p: OrgPerson, j: OrgJabatan, kind: str,
        ctx: dict[str, str], penilai: OrgPerson | None, n_siblings: int, has_staff: bool,
        kualitatif: bool,
    ) -> None:  # fmt: skip
        """The RHK and IKI of one SKP, and what its staff may intervene in."""
        rng = self.rng
        top = spec.top
        leader = j.jenis in JPT or j.jenis == ADM
        post = j.parent_id or 0

        def parent(teks: str) -> int | None:
            return None if top or penilai is None else self.pick(penilai.id, post, teks)

        tpls = self.templates(j, kind)
        n = rng.choice((4, 5, 5)) if top else rng.choice((3, 4, 4, 5, 5, 5))
        if not top and penilai is not None:
            # Few staff cover their supervisor's results alone: give them enough RHK.
            need = -(-len(self.pool[(penilai.id, 0)]) // max(1, n_siblings))
            n = max(n, min(need, 5))
        # Sampled, then kept in the templates' order (results before reports).
        for i in sorted(rng.sample(range(len(tpls)), min(n, len(tpls)))):
            t = tpls[i]
            teks = t.teks.format(**ctx)
            iki = self.iki_for(t, ctx, leader, kualitatif)
            self.add_rhk(index, spec, domain.RHK_UTAMA, teks, iki, parent(teks))
        utama = list(spec.rhk)
        # RHK tambahan: one member of the supervisor's team writes the same task (and
        # supports it); others sometimes have one of their own.
        team = self.team.get(penilai.id) if penilai is not None and not top else None
        if team is not None and not self.used[team[0]]:
            t, target = team[1], team[0]
            self.used[target] += 1
        elif rng.random() < TAMBAHAN_SHARE:
            t, target = rng.choice(v.TAMBAHAN), None
        else:
            t = None
        if t is not None:
            teks = t.teks.format(**ctx)
            iki = self.iki_for(t, ctx, leader, kualitatif)
            key = self.add_rhk(index, spec, domain.RHK_TAMBAHAN, teks, iki, target or parent(teks))
            if has_staff and spec.status == domain.DISETUJUI:
                self.team[p.id] = (key, t)
        # A Plt writes the results of the post they act in as RHK tambahan (rules §4, §8);
        # the staff of that post intervene in those.
        for acting in self.org.plt.get(p.id, ()):
            aj = self.org.jabatan.get(acting)
            if aj is None or aj.id == j.id:
                continue
            actx = self.context(aj)
            atpls = self.templates(aj, self.kind(aj))
            keys = []
            for i in sorted(rng.sample(range(len(atpls)), min(PLT_RHK, len(atpls)))):
                t = atpls[i]
                teks = f"{t.teks.format(**actx)} (selaku Plt. {aj.nama})"
                iki = self.iki_for(t, actx, True, kualitatif)
                keys.append(self.add_rhk(index, spec, domain.RHK_TAMBAHAN, teks, iki, parent(teks)))
            if spec.status == domain.DISETUJUI:
                self.pool[(p.id, aj.id)] = keys
        if spec.status == domain.DISETUJUI and has_staff:
            if len(utama) >= 3 and rng.random() < UNSUPPORTED_SHARE:
                utama.pop()  # kept out of the staff's reach: a gap the cascade view shows
            self.pool[(p.id, 0)] = utama

    def build(self) -> PlansPlan:
        org = self.org
        eligible = {
            p.id: p
            for p in org.people.values()
            if p.aktif and p.status != NON_ASN and p.jabatan_id in org.jabatan
        }
        staff: dict[int, list[int]] = {}
        for pid in sorted(eligible):
            a = eligible[pid].atasan_id
            if a is not None and a in eligible and a != pid:
                staff.setdefault(a, []).append(pid)
        self.leaf_statuses = self.quota(sum(1 for pid in eligible if pid not in staff))
        # Breadth first from the people whose penilai has no SKP (the Bupati's direct
        # reports), so that every penilai's RHK exist before their staff pick one.
        seen: set[int] = set()
        for root in sorted(eligible):
            a = eligible[root].atasan_id
            if a is not None and a in eligible and a != root:
                continue
            queue = deque([(root, 1)])
            seen.add(root)
            while queue:
                pid, n_siblings = queue.popleft()
                kids = staff.get(pid, [])
                self.skp(eligible[pid], n_siblings, bool(kids))
                for k in kids:
                    if k not in seen:
                        seen.add(k)
                        queue.append((k, len(kids)))
        # People in a supervisor cycle (a data error) still get an SKP: a waiting draft.
        for pid in sorted(set(eligible) - seen):
            self.skp(eligible[pid], 1, False)
        return self.plan


def build_plans(
    org: OrgChart, *, tahun: int, seed: int = 1, forced: Mapping[int, str] | None = None
) -> PlansPlan:
    """The year's plans for an org chart as plain data. `forced` maps pegawai ids to the
    status their SKP should have (unless their penilai has no approved SKP)."""
    return _Builder(org, tahun, seed, forced or {}).build()
