"""The demo regency's structure: the unit tree (Setda, OPD with their sekretariat,
bidang and seksi, Inspektorat, schools, puskesmas, kecamatan and kelurahan, agricultural
extension offices) and its positions, sized to the number of people asked for, plus
the vacant posts that acting heads (Plt) fill."""

from __future__ import annotations

import random
from collections.abc import Iterator
from math import sqrt

from .logins import (
    KODE_ADMIN,
    KODE_AUDITOR,
    KODE_BUPATI,
    KODE_OVERRIDE,
    KODE_PENGELOLA,
    KODE_STAFF,
)
from .plan import JabatanSpec, Plan, UnitSpec
from .vocabulary import (
    ADM,
    DEMO_NAMA,
    DIRECTIONS,
    JENJANG_LABEL,
    JF,
    JF_CATALOG,
    JF_KELAS,
    JPT,
    OPDS,
    PEJABAT_NEGARA,
    PELAKSANA,
    PENGAWAS,
    PLACE_HEAD,
    PLACE_TAIL,
    SEKSI_KECAMATAN,
    SETDA_ASISTEN,
    SUBBAG_SEKRETARIAT,
    Opd,
)


def _place_names(rng: random.Random) -> Iterator[str]:
    """Endless, distinct village-like names: Sukamaju, Karangrejo Utara, …"""
    bases = [h + t for h in PLACE_HEAD for t in PLACE_TAIL]
    rng.shuffle(bases)
    for d in DIRECTIONS:
        for b in bases:
            yield b + d
    n = 2
    while True:
        for b in bases:
            yield f"{b} {n}"
        n += 1


class StructureBuilder:
    """Adds units and positions to `plan`; `by_kode` finds a position by its code and
    `plt_pairs` lists (vacant position, position whose holder acts in it)."""

    def __init__(self, plan: Plan, rng: random.Random) -> None:
        n = plan.n_pegawai
        self.n = n
        self.rng = rng
        self.plan = plan
        self.by_kode: dict[str, int] = {}
        self.places = _place_names(self.rng)
        # Staff per section grows with the regency, but slower than schools and clinics.
        self.f = min(3.0, max(0.6, sqrt(n / 1500)))
        self.small = n < 600
        self.medium = n < 1500
        self.children: dict[int | None, int] = {}
        self.plt_pairs: list[tuple[int, int]] = []

    def unit(
        self, parent: int | None, kode: str, nama: str, singkatan: str = "", is_opd: bool = False
    ) -> int:
        units = self.plan.units
        depth = units[parent].depth + 1 if parent is not None else 0
        urutan = self.children[parent] = self.children.get(parent, 0) + 1
        key = len(units)
        units.append(UnitSpec(key, parent, kode, nama, singkatan, is_opd, urutan, depth))
        return key

    def jab(
        self,
        unit: int,
        parent: int | None,
        kode: str,
        nama: str,
        jenis: str,
        *,
        jenjang: str = "",
        eselon: str = "",
        kelas: int | None = None,
        head: bool = False,
        family: str = "umum",
        weight: float = 0.0,
        single: bool = False,
    ) -> int:
        key = len(self.plan.jabatan)
        depth = self.plan.jabatan[parent].depth + 1 if parent is not None else 0
        if jenis == JF and kelas is None:
            kelas = JF_KELAS[jenjang]
        spec = JabatanSpec(
            key, unit, parent, kode, nama, jenis, jenjang, eselon, kelas, head, family,
            weight=0.0 if head or single else weight, single=head or single, depth=depth,
        )  # fmt: skip
        self.plan.jabatan.append(spec)
        self.by_kode[kode] = key
        return key

    def head(
        self, unit: int, parent: int | None, nama: str, jenis: str, eselon: str, kelas: int,
        family: str = "umum",
    ) -> int:  # fmt: skip
        kode = self.plan.units[unit].kode + "-KEPALA"
        return self.jab(
            unit, parent, kode, nama, jenis, eselon=eselon, kelas=kelas, head=True, family=family
        )

    def jf(
        self, unit: int, parent: int, name: str, jenjang: str, weight: float, suffix: str,
        head: bool = False,
    ) -> int:  # fmt: skip
        family = JF_CATALOG[name][0]
        kode = f"{self.plan.units[unit].kode}-{suffix}"
        nama = f"{name} {JENJANG_LABEL[jenjang]}"
        return self.jab(
            unit, parent, kode, nama, JF, jenjang=jenjang, head=head, family=family,
            weight=weight,
        )  # fmt: skip

    def pelaksana(self, unit: int, parent: int, nama: str, kelas: int, weight: float, sfx: str):
        kode = f"{self.plan.units[unit].kode}-{sfx}"
        return self.jab(unit, parent, kode, nama, PELAKSANA, kelas=kelas, weight=weight)

    def section_staff(self, unit: int, boss: int, jf_names: tuple[str, ...], i: int) -> None:
        """The usual people of a section: clerks, an operator, two functional posts."""
        f = self.f
        self.pelaksana(unit, boss, "Pengadministrasi Perkantoran", 6, 1.0 * f, "PENGADM")
        self.pelaksana(unit, boss, "Penata Layanan Operasional", 7, 0.6 * f, "PLO")
        self.pelaksana(unit, boss, "Operator Layanan Operasional", 5, 0.4 * f, "OLO")
        name = jf_names[i % len(jf_names)]
        for j, jenjang in enumerate(JF_CATALOG[name][1][:2]):
            self.jf(unit, boss, name, jenjang, (0.7 if j == 0 else 0.4) * f, f"JF{j + 1}")

    def sekretariat(self, opd: int, kadis: int, kode: str, family: str) -> None:
        sek = self.unit(opd, f"{kode}-SEK", "Sekretariat")
        nama = self.plan.units[opd].nama
        title = (
            f"Sekretaris {nama}"
            if len(nama) < 40
            else f"Sekretaris {self.plan.units[opd].singkatan}"
        )
        jsek = self.head(sek, kadis, title, ADM, "III.a", 12, family)
        n_sb = 1 if self.small else 2 if self.medium else 3
        f = self.f
        for i, name in enumerate(SUBBAG_SEKRETARIAT[:n_sb]):
            sb = self.unit(sek, f"{kode}-SEK-SB{i + 1}", f"Subbagian {name}")
            j = self.head(sb, jsek, f"Kepala Subbagian {name}", PENGAWAS, "IV.a", 9, family)
            self.pelaksana(sb, j, "Pengadministrasi Perkantoran", 6, 1.0 * f, "PENGADM")
            self.pelaksana(sb, j, "Pengelola Layanan Operasional", 7, 0.5 * f, "PLO")
            if i == 0:
                self.jf(sb, j, "Analis SDM Aparatur", "ahli_pertama", 0.4 * f, "ASDM")
                self.jf(sb, j, "Arsiparis", "terampil", 0.3 * f, "ARSIP")
            elif i == 1:
                self.jf(sb, j, "Analis Keuangan Pusat dan Daerah", "ahli_pertama", 0.5 * f, "AKPD")
            else:
                self.jf(sb, j, "Perencana", "ahli_pertama", 0.5 * f, "PRC")

    def opd(self, root_head: int, root: int, o: Opd) -> tuple[int, int]:
        u = self.unit(root, o.kode, o.nama, o.singkatan, is_opd=True)
        title = "Kepala Satuan" if o.kode == "SATPOLPP" else f"Kepala {o.nama.split()[0]}"
        kadis = self.head(u, root_head, f"{title} {o.nama.split(' ', 1)[1]}", JPT, "II.b", 14,
                          o.family)  # fmt: skip
        self.sekretariat(u, kadis, o.kode, o.family)
        n_b = 1 if self.small else 2 if self.medium else len(o.bidang)
        n_s = 1 if self.small else 2 if self.medium else 3
        for i, (bname, seksi) in enumerate(o.bidang[:n_b]):
            b = self.unit(u, f"{o.kode}-B{i + 1}", f"{o.bidang_word} {bname}")
            jb = self.head(b, kadis, f"Kepala {o.bidang_word} {bname}", ADM, "III.b", 11, o.family)
            for k, sname in enumerate(seksi[:n_s]):
                s = self.unit(b, f"{o.kode}-B{i + 1}-S{k + 1}", f"{o.seksi_word} {sname}")
                js = self.head(s, jb, f"Kepala {o.seksi_word} {sname}", PENGAWAS, "IV.a", 9,
                               o.family)  # fmt: skip
                self.section_staff(s, js, o.jf, i + k)
                if o.kode == "BKPSDM" and i == k == 0:
                    # The demo Admin Instansi works here.
                    self.jf(s, js, "Pranata Komputer", "ahli_pertama", 0.5 * self.f, "PRAKOM")
        return u, kadis

    def build_structure(self) -> None:
        n = self.n
        root = self.unit(None, "PEMKAB", DEMO_NAMA, "Pemkab Contoh")
        bupati = self.jab(root, None, KODE_BUPATI, "Bupati Contoh", PEJABAT_NEGARA, head=True)
        self.jab(root, bupati, "WABUP", "Wakil Bupati Contoh", PEJABAT_NEGARA, single=True)
        # Sekretariat Daerah: Sekda → Asisten → Bagian → Subbagian (five unit levels).
        setda = self.unit(root, "SETDA", "Sekretariat Daerah", "Setda", is_opd=True)
        sekda = self.head(setda, bupati, "Sekretaris Daerah", JPT, "II.a", 15)
        n_bag = 1 if self.small else 2 if self.medium else 3
        asisten_jab: list[int] = []
        for i, (aname, bagian) in enumerate(SETDA_ASISTEN):
            a = self.unit(setda, f"SETDA-AS{i + 1}", f"Asisten {aname}")
            ja = self.head(a, sekda, f"Asisten {aname}", JPT, "II.b", 14)
            asisten_jab.append(ja)
            for k, (bname, subbag) in enumerate(bagian[:n_bag]):
                bg = self.unit(a, f"SETDA-AS{i + 1}-BG{k + 1}", f"Bagian {bname}")
                jb = self.head(bg, ja, f"Kepala Bagian {bname}", ADM, "III.a", 12)
                for m, sname in enumerate(subbag[: 1 if self.medium else 2]):
                    sb = self.unit(bg, f"SETDA-AS{i + 1}-BG{k + 1}-SB{m + 1}", f"Subbagian {sname}")
                    js = self.head(sb, jb, f"Kepala Subbagian {sname}", PENGAWAS, "IV.a", 9)
                    self.section_staff(sb, js, ("Analis Kebijakan", "Pranata Komputer"), k + m)
        opd_heads: dict[str, int] = {}
        opd_units: dict[str, int] = {}
        for o in OPDS:
            opd_units[o.kode], opd_heads[o.kode] = self.opd(bupati, root, o)
        self.inspektorat(root, bupati)
        self.schools(opd_units["DISDIK"], opd_heads["DISDIK"])
        self.puskesmas(opd_units["DINKES"], opd_heads["DINKES"])
        n_kec = max(3, round(n * 0.12 / 40))
        bpp_parent = self.by_kode.get("DISTAN-B3-KEPALA", opd_heads["DISTAN"])
        for i in range(n_kec):
            self.kecamatan(root, bupati, i, opd_units["DISTAN"], bpp_parent)
        # Acting heads (Plt): a vacant Kepala Dinas acted by an Asisten, a vacant Kepala
        # Bidang acted by the Sekretaris, and a few schools whose head retired.
        self.plt_pairs = [
            (opd_heads["DISHUB"], asisten_jab[1]),
            (self.by_kode["DINSOS-B1-KEPALA"], self.by_kode["DINSOS-SEK-KEPALA"]),
        ]
        schools = [j for j in self.plan.jabatan if j.kode.startswith("SDN-") and j.is_head]
        for j in schools[3 :: max(4, len(schools) // max(1, n // 3000))][: max(1, n // 5000)]:
            self.plt_pairs.append((j.key, self.by_kode[j.kode.replace("-KEPALA", "-GURU3")]))
        for vac, _src in self.plt_pairs:
            self.plan.jabatan[vac].vacant = True
        for kode in (KODE_STAFF, KODE_ADMIN, KODE_AUDITOR, KODE_PENGELOLA, KODE_OVERRIDE):
            self.plan.jabatan[self.by_kode[kode]].min_holders = 1

    def inspektorat(self, root: int, bupati: int) -> None:
        u = self.unit(root, "INSP", "Inspektorat Daerah", "Inspektorat", is_opd=True)
        insp = self.head(u, bupati, "Inspektur Daerah", JPT, "II.b", 14, "keuangan")
        self.sekretariat(u, insp, "INSP", "keuangan")
        f = self.f
        for i, roman in enumerate(("I", "II", "III", "IV")[: 1 if self.small else 4]):
            nama = f"Inspektur Pembantu Wilayah {roman}"
            w = self.unit(u, f"INSP-IRBAN{i + 1}", nama)
            jw = self.head(w, insp, nama, ADM, "III.a", 12, "keuangan")
            self.jf(w, jw, "Auditor", "ahli_muda", 1.2 * f, "AUDITOR")
            self.jf(w, jw, "Auditor", "ahli_pertama", 1.5 * f, "AUDITOR1")
            self.jf(w, jw, "Auditor", "ahli_madya", 0.5 * f, "AUDITOR3")
            self.jf(w, jw, "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
                    "ahli_pertama", 1.0 * f, "P2UPD")  # fmt: skip

    def schools(self, disdik: int, kadis: int) -> None:
        n = self.n
        for i in range(max(2, round(n * 0.30 / 10))):
            u = self.unit(disdik, f"SDN-{i + 1:04d}", f"UPT SD Negeri {i + 1} Contoh")
            h = self.jf(u, kadis, "Guru", "ahli_muda", 0, "KEPALA", head=True)
            self.plan.jabatan[h].nama = f"Kepala UPT SD Negeri {i + 1} Contoh"
            self.jf(u, h, "Guru", "ahli_pertama", 4.0, "GURU1")
            self.jf(u, h, "Guru", "ahli_muda", 3.0, "GURU2")
            self.jf(u, h, "Guru", "ahli_madya", 1.5, "GURU3")
            self.pelaksana(u, h, "Pengadministrasi Perkantoran", 6, 0.7, "TU")
        for i in range(max(1, round(n * 0.14 / 22))):
            u = self.unit(disdik, f"SMPN-{i + 1:04d}", f"UPT SMP Negeri {i + 1} Contoh")
            h = self.jf(u, kadis, "Guru", "ahli_madya", 0, "KEPALA", head=True)
            self.plan.jabatan[h].nama = f"Kepala UPT SMP Negeri {i + 1} Contoh"
            self.jf(u, h, "Guru", "ahli_pertama", 8.0, "GURU1")
            self.jf(u, h, "Guru", "ahli_muda", 6.5, "GURU2")
            self.jf(u, h, "Guru", "ahli_madya", 3.5, "GURU3")
            self.pelaksana(u, h, "Pengadministrasi Perkantoran", 6, 1.5, "TU")
            self.pelaksana(u, h, "Pengelola Layanan Operasional", 7, 0.6, "PLO")

    def puskesmas(self, dinkes: int, kadis: int) -> None:
        for i in range(max(2, round(self.n * 0.18 / 28))):
            nama = next(self.places)
            u = self.unit(dinkes, f"PKM-{i + 1:04d}", f"UPTD Puskesmas {nama}")
            h = self.head(u, kadis, f"Kepala UPTD Puskesmas {nama}", PENGAWAS, "IV.a", 9,
                          "kesehatan")  # fmt: skip
            for name, jenjang, w, sfx in (
                ("Dokter", "ahli_pertama", 1.5, "DR1"), ("Dokter", "ahli_muda", 1.0, "DR2"),
                ("Dokter Gigi", "ahli_pertama", 0.5, "DRG"),
                ("Perawat", "terampil", 3.0, "PRW1"), ("Perawat", "mahir", 2.0, "PRW2"),
                ("Perawat", "penyelia", 1.0, "PRW3"), ("Perawat", "ahli_pertama", 2.0, "NERS"),
                ("Bidan", "terampil", 4.0, "BDN1"), ("Bidan", "mahir", 2.0, "BDN2"),
                ("Bidan", "ahli_pertama", 1.0, "BDN3"), ("Apoteker", "ahli_pertama", 0.5, "APT"),
                ("Nutrisionis", "terampil", 0.7, "GIZI"),
                ("Tenaga Sanitasi Lingkungan", "terampil", 0.7, "SANITASI"),
                ("Pranata Laboratorium Kesehatan", "terampil", 0.7, "LAB"),
            ):  # fmt: skip
                self.jf(u, h, name, jenjang, w, sfx)
            tu = self.unit(u, f"PKM-{i + 1:04d}-TU", "Subbagian Tata Usaha")
            jt = self.head(tu, h, "Kepala Subbagian Tata Usaha", PENGAWAS, "IV.b", 8, "kesehatan")
            self.pelaksana(tu, jt, "Pengadministrasi Perkantoran", 6, 2.0, "PENGADM")
            self.pelaksana(tu, jt, "Pengolah Data dan Informasi", 6, 1.0, "DATA")
            self.pelaksana(tu, jt, "Operator Layanan Operasional", 5, 1.0, "OLO")

    def kecamatan(self, root: int, bupati: int, i: int, distan: int, bpp_parent: int) -> None:
        nama = next(self.places)
        kode = f"KEC-{i + 1:03d}"
        u = self.unit(root, kode, f"Kecamatan {nama}", is_opd=True)
        camat = self.head(u, bupati, f"Camat {nama}", ADM, "III.a", 12)
        sek = self.unit(u, f"{kode}-SEK", "Sekretariat Kecamatan")
        js = self.head(sek, camat, "Sekretaris Kecamatan", ADM, "III.b", 11)
        self.pelaksana(sek, js, "Pengadministrasi Perkantoran", 6, 2.0, "PENGADM")
        self.pelaksana(sek, js, "Pengelola Layanan Operasional", 7, 1.0, "PLO")
        for k, sname in enumerate(SEKSI_KECAMATAN[: 1 if self.small else 3]):
            s = self.unit(u, f"{kode}-S{k + 1}", f"Seksi {sname}")
            jk = self.head(s, camat, f"Kepala Seksi {sname}", PENGAWAS, "IV.a", 9)
            self.pelaksana(s, jk, "Penata Layanan Operasional", 7, 1.0, "PLO")
            self.pelaksana(s, jk, "Pengadministrasi Perkantoran", 6, 1.0, "PENGADM")
        for k in range(2 if self.small else 3):
            kn = next(self.places)
            kel = self.unit(u, f"{kode}-KEL{k + 1}", f"Kelurahan {kn}")
            lurah = self.head(kel, camat, f"Lurah {kn}", PENGAWAS, "IV.a", 9)
            seklur = self.jab(kel, lurah, f"{kode}-KEL{k + 1}-SEKLUR", "Sekretaris Kelurahan",
                              PENGAWAS, eselon="IV.b", kelas=8, single=True)  # fmt: skip
            self.pelaksana(kel, seklur, "Pengadministrasi Perkantoran", 6, 2.0, "PENGADM")
            self.pelaksana(kel, seklur, "Operator Layanan Operasional", 5, 1.0, "OLO")
            ks = self.unit(kel, f"{kode}-KEL{k + 1}-S1", "Seksi Pemerintahan dan Pelayanan Umum")
            jks = self.head(ks, lurah, "Kepala Seksi Pemerintahan dan Pelayanan Umum", PENGAWAS,
                            "IV.b", 8)  # fmt: skip
            self.pelaksana(ks, jks, "Penata Layanan Operasional", 7, 1.0, "PLO")
        bpp = self.unit(distan, f"BPP-{i + 1:03d}", f"UPT Balai Penyuluhan Pertanian {nama}")
        hb = self.jf(bpp, bpp_parent, "Penyuluh Pertanian", "ahli_muda", 0, "KEPALA", head=True)
        self.plan.jabatan[hb].nama = f"Kepala UPT Balai Penyuluhan Pertanian {nama}"
        self.jf(bpp, hb, "Penyuluh Pertanian", "terampil", 2.0, "PP1")
        self.jf(bpp, hb, "Penyuluh Pertanian", "mahir", 1.0, "PP2")
        self.jf(bpp, hb, "Penyuluh Pertanian", "ahli_pertama", 1.5, "PP3")
