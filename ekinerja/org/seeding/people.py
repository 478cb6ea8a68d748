"""The demo regency's people: how many hold each position, their names, degrees,
status (PNS, CPNS, PPPK, non-ASN), golongan and NIPs consistent with birth date, gender
and appointment (rules §6 §12), their position history, the acting heads (Plt), one
explicit penilai, the demo roles, and everyone's supervisor by the same rule the
service uses."""

from __future__ import annotations

import datetime as dt
import random
import re

from django.utils.translation import gettext as _
from faker.providers.address.id_ID import Provider as AddressProvider
from faker.providers.person.id_ID import Provider as PersonProvider

from ekinerja.core.models import Role

from .. import domain
from .logins import (
    KODE_ADMIN,
    KODE_AUDITOR,
    KODE_BUPATI,
    KODE_OVERRIDE,
    KODE_PENGELOLA,
    KODE_SEKDA,
    KODE_STAFF,
)
from .plan import JabatanSpec, PegawaiSpec, Plan, RiwayatSpec
from .vocabulary import (
    ADM,
    EMAIL_DOMAIN,
    ENTRY_JENJANG,
    GELAR,
    GOL_JF,
    GOL_PELAKSANA,
    JF,
    JPT,
    PEJABAT_NEGARA,
    PELAKSANA,
    PENGAWAS,
    PNS_GOL,
    PPPK_GOL,
    REF_DATE,
)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower())


class PeopleBuilder:
    """Adds the people, their history, roles, overrides and supervisors to a `plan`
    whose structure is built (StructureBuilder's `by_kode` and `plt_pairs`)."""

    def __init__(
        self,
        plan: Plan,
        rng: random.Random,
        *,
        by_kode: dict[str, int],
        plt_pairs: list[tuple[int, int]],
    ) -> None:
        self.n = plan.n_pegawai
        self.rng = rng
        self.plan = plan
        self.by_kode = by_kode
        self.plt_pairs = plt_pairs
        self.serials: dict[tuple[str, str, str], int] = {}
        self.sk = 0

    def allocate(self) -> list[int]:
        """How many people hold each position: one per filled single post, the rest of
        `n` spread over staff posts by weight (largest remainder, deterministic)."""
        js = self.plan.jabatan
        counts = [0 if j.vacant else 1 if j.single else j.min_holders for j in js]
        rest = self.n - sum(counts)
        if rest < 0:
            raise ValueError(
                _("Minimal %(n)d pegawai untuk struktur kabupaten demo.") % {"n": sum(counts)}
            )
        weights = [0.0 if j.single else j.weight for j in js]
        total = sum(weights)
        raw = [rest * w / total for w in weights]
        base = [int(x) for x in raw]
        left = rest - sum(base)
        order = sorted(range(len(js)), key=lambda i: (base[i] - raw[i], i))
        for i in order[:left]:
            base[i] += 1
        return [c + b for c, b in zip(counts, base, strict=True)]

    def name(self, gender: str) -> str:
        rng = self.rng
        if gender == domain.GENDER_MALE:
            first, last = PersonProvider.first_names_male, PersonProvider.last_names_male
        else:
            first, last = PersonProvider.first_names_female, PersonProvider.last_names_female
        parts = [rng.choice(first)]
        r = rng.random()
        if r < 0.2:
            parts.append(rng.choice(first))
        if r > 0.15:
            parts.append(rng.choice(last))
        return " ".join(dict.fromkeys(parts))

    def gelar(self, j: JabatanSpec, status: str, golongan: str) -> tuple[str, str]:
        rng = self.rng
        d3, s1s, s2s, depan = GELAR.get(j.family, GELAR["umum"])
        rank = domain.golongan_rank(golongan)
        low = (status == domain.PPPK and rank <= 8) or (status != domain.PPPK and rank < 9)
        if j.jenis == PELAKSANA and low:
            return ("", d3 if d3 and rng.random() < 0.3 else "")
        if j.jenjang in ("pemula",):
            return ("", "")
        if j.jenjang in ("terampil", "mahir", "penyelia") or (low and j.jenis == JF):
            return ("", d3)
        s2_p = {JPT: 0.9, ADM: 0.6, PENGAWAS: 0.3}.get(j.jenis, 0.0)
        s2_p = s2_p or {"ahli_madya": 0.5, "ahli_muda": 0.2}.get(j.jenjang, 0.05)
        s1 = rng.choice(s1s)
        belakang = [s1] if s1 else []
        if rng.random() < s2_p:
            belakang.append(rng.choice(s2s))
        front = [depan] if depan else []
        if j.jenis == JPT and rng.random() < 0.12:
            front.insert(0, "Dr.")
        return (" ".join(front), ", ".join(belakang))

    def status_for(self, j: JabatanSpec, forced: bool) -> str:
        if j.jenis == PEJABAT_NEGARA:
            return domain.NON_ASN
        if j.single or forced:
            return domain.PNS
        entry = j.jenis == PELAKSANA or j.jenjang in ENTRY_JENJANG
        pppk_p = 0.0
        if entry:
            pppk_p = 0.35 if j.family in ("guru", "perawat", "bidan", "kesehatan") else 0.18
        elif j.jenjang in ("mahir", "ahli_muda"):
            pppk_p = 0.06
        r = self.rng.random()
        if r < pppk_p:
            return domain.PPPK
        if entry and r > 0.94:
            return domain.CPNS
        return domain.PNS

    def golongan_for(self, j: JabatanSpec, status: str) -> str:
        rng = self.rng
        if status == domain.NON_ASN:
            return ""
        if status == domain.PPPK:
            return rng.choice(PPPK_GOL[j.jenjang or j.kelas])
        if j.jenis == JPT:
            lo, hi = ("IV/c", "IV/d") if j.eselon == "II.a" else ("IV/b", "IV/c")
        elif j.jenis == ADM:
            lo, hi = ("IV/a", "IV/b") if j.eselon == "III.a" else ("III/d", "IV/a")
        elif j.jenis == PENGAWAS:
            lo, hi = ("III/b", "III/d") if j.eselon == "IV.a" else ("III/a", "III/c")
        elif j.jenis == JF:
            lo, hi = GOL_JF[j.jenjang]
        else:
            lo, hi = GOL_PELAKSANA[j.kelas or 6]
        if status == domain.CPNS:
            return lo if lo in ("II/a", "III/a") else "II/c" if lo.startswith("II/") else "III/a"
        return PNS_GOL[rng.randint(PNS_GOL.index(lo), PNS_GOL.index(hi))]

    def person(self, key: int, j: JabatanSpec, forced_pns: bool) -> PegawaiSpec:
        rng = self.rng
        status = self.status_for(j, forced_pns)
        female_p = {"guru": 0.65, "perawat": 0.65, "bidan": 1.0, "dokter": 0.55}.get(j.family, 0.45)
        if j.single:
            female_p = min(female_p, 0.3)
        gender = domain.GENDER_FEMALE if rng.random() < female_p else domain.GENDER_MALE
        golongan = self.golongan_for(j, status)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if status == domain.NON_ASN:
            birth = dt.date(REF_DATE.year - rng.randint(45, 60), month, day)
            appointed = dt.date(2025, 2, 20)  # inauguration of the regional heads
            nip = None
        elif status == domain.PPPK:
            year = rng.choice((2021, 2022, 2022, 2023, 2023, 2024, 2024, 2025))
            contract = 2 if year == 2021 and rng.random() < 0.3 else 1
            birth = dt.date(year - rng.randint(22, 45), month, day)
            appointed = dt.date(year, rng.randint(1, 12), 1)
            nip = self.nip(birth, f"{year}{20 + contract}", gender)
        else:
            rank = domain.golongan_rank(golongan)
            service = 0
            if status == domain.PNS:
                entry = 5 if rank < 9 else 9
                service = 1 + 4 * max(0, rank - entry) + rng.randint(0, 5)
            service = min(service, 37)
            age_in = rng.randint(20, max(20, min(32, 57 - service)))
            appointed = dt.date(REF_DATE.year - 1 - service, rng.randint(1, 12), 1)
            birth = dt.date(appointed.year - age_in, month, day)
            nip = self.nip(birth, f"{appointed.year}{appointed.month:02d}", gender)
        depan, belakang = self.gelar(j, status, golongan)
        if j.single and j.jenis in (JPT, PEJABAT_NEGARA) and rng.random() < 0.2:
            depan = ("H. " if gender == domain.GENDER_MALE else "Hj. ") + depan
        if j.jenis == PEJABAT_NEGARA:
            belakang = rng.choice(("S.E., M.M.", "S.H., M.H.", "S.Sos., M.Si.", "S.IP."))
        nama = self.name(gender)
        first = _slug(nama.split()[0])
        return PegawaiSpec(
            key=key,
            nip=nip,
            username=nip or "",
            nama=nama,
            gelar_depan=depan.strip(),
            gelar_belakang=belakang,
            jenis_kelamin=gender,
            tempat_lahir="Contoh" if rng.random() < 0.55 else rng.choice(AddressProvider.cities),
            tanggal_lahir=birth,
            status=status,
            golongan=golongan,
            email=f"{first}.{key}@{EMAIL_DOMAIN}",
            telepon="08"
            + rng.choice(("12", "13", "21", "52", "57", "77", "81", "95"))
            + f"{rng.randint(0, 99_999_999):08d}",
            jabatan=j.key,
            appointed=appointed,
        )

    def nip(self, birth: dt.date, middle: str, gender: str) -> str:
        """Rules §6: serials are unique per (birth date, TMT / appointment, gender)."""
        g = "1" if gender == domain.GENDER_MALE else "2"
        k = (birth.strftime("%Y%m%d"), middle, g)
        serial = self.serials.get(k, 0) + 1
        self.serials[k] = serial
        return f"{k[0]}{middle}{g}{serial:03d}"

    def nomor_sk(self, year: int, plt: bool = False) -> str:
        self.sk += 1
        return f"{'800.1.3' if plt else '821.2'}/{self.sk:05d}/BKPSDM/{year}"

    def tmt_in(self, lo: dt.date, hi: dt.date) -> dt.date:
        if hi <= lo:
            return lo
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def people(self) -> None:
        rng, plan = self.rng, self.plan
        counts = self.allocate()
        forced = {self.by_kode[k] for k in (KODE_STAFF, KODE_ADMIN, KODE_AUDITOR, KODE_PENGELOLA)}
        holders: dict[int, list[int]] = {}
        for j, c in zip(plan.jabatan, counts, strict=True):
            for i in range(c):
                p = self.person(len(plan.pegawai), j, forced_pns=(i == 0 and j.key in forced))
                plan.pegawai.append(p)
                holders.setdefault(j.key, []).append(p.key)
        if plan.pegawai[0].jabatan == self.by_kode[KODE_BUPATI]:
            plan.pegawai[0].username = "bupati"
            plan.pegawai[1].username = "wabup"
        # Earlier posts for some, one step down the ladder (position history).
        pools: dict[str, list[int]] = {}
        for j in plan.jabatan:
            pools.setdefault(j.family if j.jenis == JF else j.jenis, []).append(j.key)
        below = {JPT: ADM, ADM: PENGAWAS, PENGAWAS: PELAKSANA, PELAKSANA: PELAKSANA}
        for p in plan.pegawai:
            j = plan.jabatan[p.jabatan]
            if p.status == domain.NON_ASN:
                plan.riwayat.append(RiwayatSpec(p.key, j.key, "definitif", p.appointed, None, ""))
                continue
            hi = REF_DATE - dt.timedelta(days=1)
            start = max(p.appointed + dt.timedelta(days=400), REF_DATE - dt.timedelta(days=2900))
            start = min(start, hi)
            tmt = p.appointed if p.status != domain.PNS else self.tmt_in(start, hi)
            prev_p = 0.4 if j.single else 0.1
            if p.status == domain.PNS and rng.random() < prev_p:
                prev_start = tmt - dt.timedelta(days=rng.randint(700, 2200))
                if prev_start > p.appointed:
                    prev = rng.choice(pools[below.get(j.jenis, j.family)])
                    plan.riwayat.append(
                        RiwayatSpec(p.key, prev, "definitif", prev_start,
                                    tmt - dt.timedelta(days=1), self.nomor_sk(prev_start.year))
                    )  # fmt: skip
            plan.riwayat.append(
                RiwayatSpec(p.key, j.key, "definitif", tmt, None, self.nomor_sk(tmt.year))
            )
        for vac, src in self.plt_pairs:
            acting = holders.get(src, [])
            if acting:
                tmt = REF_DATE - dt.timedelta(days=rng.randint(30, 200))
                plan.riwayat.append(
                    RiwayatSpec(acting[0], vac, "plt", tmt, None, self.nomor_sk(tmt.year, True))
                )
        # One explicit penilai: a clerk assessed by the Sekretaris while the head of the
        # subbagian studies (rules §12 allows an admin's override, with a reason).
        clerk = holders[self.by_kode[KODE_OVERRIDE]][0]
        sekretaris = holders[self.by_kode["DISDIK-SEK-KEPALA"]][0]
        plan.overrides.append(
            (clerk, sekretaris, "Kepala Subbagian Umum dan Kepegawaian sedang tugas belajar; "
             "penilaian oleh Sekretaris Dinas sesuai Surat Kepala Dinas Pendidikan "
             "Nomor 800/112/Disdik/2026.")
        )  # fmt: skip
        units = {u.kode: u.key for u in plan.units}
        plan.roles = [
            (holders[self.by_kode[KODE_ADMIN]][0], Role.ADMIN.value, None),
            (holders[self.by_kode[KODE_AUDITOR]][0], Role.AUDITOR.value, None),
            (holders[self.by_kode[KODE_PENGELOLA]][0], Role.PENGELOLA.value, units["DINKES"]),
            (holders[self.by_kode[KODE_BUPATI]][0], Role.PIMPINAN.value, None),
            (holders[self.by_kode[KODE_SEKDA]][0], Role.PIMPINAN.value, None),
        ]
        self.supervisors()

    def supervisors(self) -> None:
        """The same rule as services.supervisors.supervisors_recompute, on plan keys, so
        that rows can be written with their supervisor already set (top of the chart
        first)."""
        plan = self.plan
        holdings = [
            domain.Holding(pegawai_id=r.pegawai, jabatan_id=r.jabatan, jenis=r.jenis,
                           since=r.tmt_mulai)
            for r in plan.riwayat
            if r.tmt_selesai is None
        ]  # fmt: skip
        resolved = domain.resolve_supervisors(
            pegawai_jabatan={p.key: p.jabatan for p in plan.pegawai},
            jabatan_parent={j.key: j.parent for j in plan.jabatan},
            holders=domain.acting_holders(holdings),
            overrides={p: a for p, a, _why in plan.overrides},
        )
        plan.atasan = [resolved.get(p.key) for p in plan.pegawai]
