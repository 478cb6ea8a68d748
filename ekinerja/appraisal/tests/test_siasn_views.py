"""The SIASN pages (issue 11 §5): the export page says how many records are incomplete
and why and lists them by name (paged, bounded queries); the reference pages edit and
import SIASN's golongan ids, koefisienId and person ids (Admin Instansi only)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import Workbook

from ekinerja.appraisal.domain import ratings
from ekinerja.appraisal.models import SiasnGolongan, SiasnKoefisien
from ekinerja.appraisal.selectors import laporan as laporan_sel
from ekinerja.core.models import AuditEvent
from ekinerja.org.models import Pegawai

from .factories import appraisal_world, set_rating
from .test_exports_siasn import ID, load_reference

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def world(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    for who in ("bob", "charlie", "dina"):
        set_rating(w, who, ratings.SESUAI, ratings.SESUAI)
    return w


# --- the export page ------------------------------------------------------------------------


def test_the_page_counts_and_names_the_incomplete_records(
    world, login, django_assert_max_num_queries
):
    # bob has no SIASN id; alice (his penilai, IV/b) has one in the table; dina's koefisien
    # for Baik is removed
    SiasnKoefisien.objects.filter(predikat=ratings.BAIK).delete()
    client = login("eko")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("appraisal:siasn"), {"periode": world.periode.pk})
    assert response.status_code == 200
    text = _text(response)
    assert "Evaluasi yang sudah dinilai 3" in text
    assert "Lengkap, masuk berkas SIASN 1" in text
    assert "Belum lengkap, tidak dimasukkan 2" in text
    assert "2 rekaman belum lengkap" in text
    assert "tidak dimasukkan ke berkas SIASN dan tidak diisi dengan tebakan" in text
    # by name, with why; charlie (complete) is not listed
    assert "Bob Santoso" in text and "Dina Lestari" in text and "Charlie Nugroho" not in text
    assert "koefisienId Ahli Pertama – Baik belum ada" in text
    assert "ID SIASN pegawai belum dimuat: 1" in text
    html = response.content.decode()
    assert reverse("org:pegawai-update", args=[world.cast.bob.pk]) in html
    assert f"{reverse('appraisal:siasn-export')}?periode={world.periode.pk}&amp;format=json" in html
    assert "Unduh JSON untuk SIASN (1 rekaman)" in text


def test_the_list_is_paged_and_pages_over_htmx(world, login, monkeypatch):
    for who in ("bob", "charlie", "dina"):
        Pegawai.objects.filter(pk=getattr(world.cast, who).pk).update(siasn_id="")
    monkeypatch.setattr(laporan_sel, "PAGE_SIZE", 2)
    client = login("eko")
    first = _text(client.get(reverse("appraisal:siasn"), {"periode": world.periode.pk}))
    assert "Bob Santoso" in first and "Charlie Nugroho" in first and "Dina Lestari" not in first
    assert "halaman 1 dari 2" in first
    part = client.get(
        reverse("appraisal:siasn"), {"periode": world.periode.pk, "page": 2}, HTTP_HX_REQUEST="true"
    )
    body = part.content.decode()
    assert "<html" not in body and "Dina Lestari" in body and "Bob Santoso" not in body


def test_a_complete_period_has_no_list_and_the_auditor_gets_no_edit_links(world, login):
    Pegawai.objects.filter(pk=world.cast.bob.pk).update(siasn_id="ID-BOB")
    response = login("fajar").get(reverse("appraisal:siasn"), {"periode": world.periode.pk})
    text = _text(response)
    assert "Belum lengkap, tidak dimasukkan 0" in text and "rekaman belum lengkap" not in text
    assert reverse("appraisal:siasn-golongan") not in response.content.decode()
    assert "Unduh JSON untuk SIASN (3 rekaman)" in text


@pytest.mark.parametrize("who, status", [("eko", 200), ("fajar", 200), ("bob", 403), ("gita", 403)])
def test_who_sees_the_export_page(world, login, who, status):
    assert login(who).get(reverse("appraisal:siasn")).status_code == status


def test_without_periods_the_page_says_so(cast, login):
    text = _text(login("eko").get(reverse("appraisal:siasn")))
    assert "Belum ada periode penilaian" in text


# --- golongan -------------------------------------------------------------------------------


def _golongan_post(values: dict[str, str]) -> dict[str, str]:
    from ekinerja.appraisal.services.siasn import GOLONGAN_ALL

    data = {f"g{i}": "" for i in range(len(GOLONGAN_ALL))}
    for gol, sid in values.items():
        data[f"g{GOLONGAN_ALL.index(gol)}"] = sid
    return {**data, "simpan": "1"}


def test_golongan_page_saves_the_table(cast, login, django_assert_max_num_queries):
    client = login("eko")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("appraisal:siasn-golongan")).status_code == 200
    response = client.post(
        reverse("appraisal:siasn-golongan"), _golongan_post({"III/c": "33", "XI": "P11"})
    )
    assert response.status_code == 302
    assert dict(SiasnGolongan.objects.values_list("golongan", "siasn_id")) == {
        "III/c": "33",
        "XI": "P11",
    }
    page = client.get(reverse("appraisal:siasn-golongan"))
    assert 'value="33"' in page.content.decode() and "2 isian disimpan." in _text(page)


def test_golongan_page_shows_errors_and_saves_nothing(cast, login):
    client = login("eko")
    response = client.post(
        reverse("appraisal:siasn-golongan"), _golongan_post({"III/c": "33", "III/d": "33"})
    )
    assert response.status_code == 200
    assert "ID 33 dipakai untuk III/c dan III/d." in _text(response)
    response = client.post(reverse("appraisal:siasn-golongan"), _golongan_post({"III/c": "3 3"}))
    assert "Isi 1–64 huruf, angka, tanda - atau _" in _text(response)
    assert not SiasnGolongan.objects.exists()


def test_golongan_import_reports_on_the_page_after_the_redirect(cast, login):
    client = login("eko")
    upload = io.BytesIO(b"id,nama,namaPangkat\n33,III/c,Penata\n41,IV/a,Pembina\n")
    upload.name = "golonganPns.csv"
    response = client.post(reverse("appraisal:siasn-golongan"), {"impor": "1", "berkas": upload})
    assert response.status_code == 302
    text = _text(client.get(response["Location"]))
    assert "Hasil impor golonganPns.csv" in text and "2 isian berubah" in text
    assert SiasnGolongan.objects.count() == 2
    # the report is shown once
    assert "Hasil impor" not in _text(client.get(reverse("appraisal:siasn-golongan")))
    assert AuditEvent.objects.filter(action="siasn_golongan.import").count() == 1


def test_a_bad_golongan_file_is_reported_row_by_row(cast, login):
    client = login("eko")
    upload = io.BytesIO(b"id,nama\n33,III/c\n99,VII/z\n")
    upload.name = "g.csv"
    response = client.post(reverse("appraisal:siasn-golongan"), {"impor": "1", "berkas": upload})
    text = _text(client.get(response["Location"]))
    assert "1 baris salah; tidak ada yang diubah." in text and "VII/z" in text
    assert not SiasnGolongan.objects.exists()


def test_an_unreadable_file_stays_on_the_form(cast, login):
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "g.pdf"
    response = login("eko").post(
        reverse("appraisal:siasn-golongan"), {"impor": "1", "berkas": upload}
    )
    assert response.status_code == 200
    assert "bukan CSV, XLSX, atau JSON" in _text(response)


@pytest.mark.parametrize("name", ["siasn-golongan", "siasn-koefisien", "siasn-pegawai"])
@pytest.mark.parametrize("who", ["fajar", "bob"])
def test_reference_pages_are_for_the_admin_instansi(cast, login, name, who):
    client = login(who)
    assert client.get(reverse(f"appraisal:{name}")).status_code == 403
    assert client.post(reverse(f"appraisal:{name}"), {"simpan": "1"}).status_code == 403


# --- koefisien ------------------------------------------------------------------------------


def test_koefisien_page_grid_and_xlsx_import(cast, login):
    client = login("eko")
    page = client.get(reverse("appraisal:siasn-koefisien"))
    assert page.content.decode().count('name="k_') == 40
    wb = Workbook()
    ws = wb.active
    ws.append(["id", "jabatan", "kriteria", "persentase", "keterangan", "jenjang"])
    ws.append(["12", "Ahli Pertama", 12.5, 100, "Baik", "PT"])
    ws.append(["13", "Ahli Pertama", 12.5, 75, "Butuh Perbaikan", "PT"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "koefisien.xlsx"
    response = client.post(reverse("appraisal:siasn-koefisien"), {"impor": "1", "berkas": buf})
    assert response.status_code == 302
    assert {(r.predikat, r.siasn_id) for r in SiasnKoefisien.objects.all()} == {
        (ratings.BAIK, "12"),
        (ratings.BUTUH_PERBAIKAN, "13"),
    }
    data = {
        f"k_ahli_pertama_{ratings.BAIK}": "",
        f"k_mahir_{ratings.SANGAT_BAIK}": "71",
        "simpan": "1",
    }
    data[f"k_ahli_pertama_{ratings.BUTUH_PERBAIKAN}"] = "13"
    client.post(reverse("appraisal:siasn-koefisien"), data)
    assert {(r.jenjang, r.predikat, r.siasn_id) for r in SiasnKoefisien.objects.all()} == {
        ("ahli_pertama", ratings.BUTUH_PERBAIKAN, "13"),
        ("mahir", ratings.SANGAT_BAIK, "71"),
    }


# --- people ---------------------------------------------------------------------------------


def test_people_page_lists_who_lacks_an_id_and_imports_by_nip(
    cast, login, django_assert_max_num_queries
):
    Pegawai.objects.filter(pk=cast.alice.pk).update(siasn_id=ID["alice"])
    client = login("eko")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("appraisal:siasn-pegawai"))
    text = _text(page)
    assert "5 dari 6 ASN aktif belum mempunyai ID SIASN." in text
    assert "Bob Santoso" in text and "Alice Wulandari" not in text
    upload = io.BytesIO(
        f"nipBaru;id;nama\n{cast.bob.nip};ID-BOB;Bob\n198609262015051001;X;Orang lain\n".encode()
    )
    upload.name = "asn.csv"
    response = client.post(reverse("appraisal:siasn-pegawai"), {"berkas": upload})
    assert response.status_code == 302
    text = _text(client.get(response["Location"]))
    assert "ID diisi: 1" in text and "NIP tidak ditemukan di instansi ini: 1" in text
    assert "198609262015051001" in text
    assert "4 dari 6 ASN aktif" in text
    assert Pegawai.objects.get(pk=cast.bob.pk).siasn_id == "ID-BOB"


def test_people_import_keeps_other_ids_unless_asked(cast, login):
    Pegawai.objects.filter(pk=cast.bob.pk).update(siasn_id="OLD-BOB")
    client = login("eko")

    def post(**extra):
        upload = io.BytesIO(f"nip,id\n{cast.bob.nip},NEW-BOB\n".encode())
        upload.name = "asn.csv"
        return client.post(reverse("appraisal:siasn-pegawai"), {"berkas": upload, **extra})

    text = _text(client.get(post()["Location"]))
    assert "Sudah mempunyai ID lain, tidak diganti: 1" in text and "OLD-BOB" in text
    assert Pegawai.objects.get(pk=cast.bob.pk).siasn_id == "OLD-BOB"
    post(ganti="on")
    assert Pegawai.objects.get(pk=cast.bob.pk).siasn_id == "NEW-BOB"


def test_the_rules_page_no_longer_asks_for_a_koefisien_per_jenjang(cast, login):
    """koefisienId depends on jenjang and predikat: the rule set's old per-jenjang input
    is gone, and the page points to the SIASN table instead."""
    html = login("eko").get(reverse("appraisal:aturan", args=[2026])).content.decode()
    assert 'name="siasn_ahli_muda"' not in html
    assert reverse("appraisal:siasn-koefisien") in html


def test_the_audit_trail_shows_the_reference_edits_and_imports(cast, login):
    client = login("eko")
    client.post(reverse("appraisal:siasn-golongan"), _golongan_post({"III/c": "33"}))
    upload = io.BytesIO(f"nip,id\n{cast.bob.nip},ID-BOB\n".encode())
    upload.name = "asn.csv"
    client.post(reverse("appraisal:siasn-pegawai"), {"berkas": upload})
    text = _text(client.get(reverse("core:audit-list")))
    assert "ID golongan SIASN diubah" in text and "asn.csv" in text
    for event in AuditEvent.objects.filter(instansi=cast.a):
        assert client.get(reverse("core:audit-detail", args=[event.pk])).status_code == 200
