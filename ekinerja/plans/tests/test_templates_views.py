"""Pages of views/templates.py: the Admin Instansi's SKP templates with inline (HTMX)
RHK/IKI rows, and the owner's "Salin dari SKP tahun lalu" and "Gunakan templat jabatan".
HTTP status, full page and HTMX fragment, refusals that write nothing, query bounds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import RHK, SKP, SKPTemplate, SKPTemplateIKI, SKPTemplateRHK
from ekinerja.plans.services import templates as template_services

from .factories import approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _count() -> tuple[int, ...]:
    return (
        SKP.objects.count(),
        RHK.objects.count(),
        SKPTemplate.objects.count(),
        SKPTemplateRHK.objects.count(),
        SKPTemplateIKI.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def template(cast):
    eko = cast.actor("eko")
    t = template_services.skp_template_create(
        actor=eko, nama="SKP Pengadministrasi Umum", jabatan_id=cast.jab_pelaksana.pk
    )
    for n in range(3):
        r = template_services.skp_template_rhk_add(
            actor=eko, template_id=t.pk, jenis="utama", teks=f"Hasil kerja {n}"
        )
        for k in range(2):
            template_services.skp_template_iki_add(
                actor=eko,
                rhk_id=r.pk,
                aspek="kuantitas",
                indikator=f"Jumlah {n}.{k}",
                target_jenis="angka",
                target_nilai="12,5",
                satuan="dokumen",
            )
    return t


# --- templates: admin pages ---------------------------------------------------------------


def test_list_full_page_and_htmx_partial(cast, login, template, django_assert_max_num_queries):
    client = login("eko")
    url = reverse("plans:template-list")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "SKP Pengadministrasi Umum" in html and "<html" in html
    response = client.get(url, {"q": "tidak ada"}, **HX)
    html = response.content.decode()
    assert "<html" not in html and "Tidak ada templat yang cocok" in html
    # The jenis filter covers templates of a jenis and of a jabatan of that jenis.
    assert (
        "SKP Pengadministrasi Umum"
        in client.get(url, {"jenis": "pelaksana"}, **HX).content.decode()
    )
    assert (
        "SKP Pengadministrasi Umum" not in client.get(url, {"jenis": "fungsional"}).content.decode()
    )


def test_create_then_edit_header(cast, login):
    client = login("eko")
    response = client.post(
        reverse("plans:template-create"),
        {"nama": "Analis", "jabatan": "j-analis", "pendekatan": "kuantitatif"},
    )
    t = SKPTemplate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:template-update", args=[t.pk])
    assert t.jabatan_id == cast.jab_fungsional.pk
    response = client.post(
        reverse("plans:template-update", args=[t.pk]),
        {"nama": "Semua fungsional", "jabatan": "", "jenis_jabatan": "fungsional",
         "pendekatan": "kualitatif"},
    )  # fmt: skip
    assert response.status_code == 302
    t.refresh_from_db()
    assert (t.nama, t.jabatan_id, t.jenis_jabatan) == ("Semua fungsional", None, "fungsional")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"nama": "X", "jabatan": "J-PELAKSANA", "jenis_jabatan": "pelaksana"},
            "Pilih salah satu",
        ),
        ({"nama": "X"}, "Pilih jabatan templat ini"),
        ({"nama": "X", "jabatan": "J-G"}, "tidak ada di instansi ini"),  # instansi B's kode
        ({"nama": "", "jabatan": "J-PELAKSANA"}, "Beri nama templat"),
    ],
)
def test_create_refuses_bad_input_with_a_message(cast, login, data, message):
    client = login("eko")
    before = _count()
    response = client.post(reverse("plans:template-create"), {"pendekatan": "kuantitatif", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _count() == before


def test_edit_page_renders_rows_in_bounded_queries(
    cast, login, template, django_assert_max_num_queries
):
    client = login("eko")
    url = reverse("plans:template-update", args=[template.pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="tiki-') == 6 and "12,5 dokumen" in html
    with django_assert_max_num_queries(10):
        response = client.get(url, **HX)
    html = response.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<section id="template-rows"')


def test_inline_rhk_add_update_delete(cast, login, template):
    client = login("eko")
    response = client.post(
        reverse("plans:template-rhk-add", args=[template.pk]),
        {"baru-jenis": "tambahan", "baru-teks": "Piket layanan"},
        **HX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#template-rows"
    assert "Piket layanan" in response.content.decode()
    row = SKPTemplateRHK.objects.get(teks="Piket layanan")
    # The editor: a fragment for HTMX, a page of its own without JavaScript.
    url = reverse("plans:template-rhk-update", args=[row.pk])
    assert "<html" not in client.get(url, **HX).content.decode()
    assert "<html" in client.get(url).content.decode()
    response = client.post(url, {f"rhk{row.pk}-jenis": "utama", f"rhk{row.pk}-teks": "Piket"})
    assert response.status_code == 302 and response["Location"].endswith(f"#trhk-{row.pk}")
    row.refresh_from_db()
    assert (row.jenis, row.teks) == ("utama", "Piket")
    response = client.post(reverse("plans:template-rhk-delete", args=[row.pk]), **HX)
    assert response.status_code == 200 and "Piket" not in response.content.decode()
    assert not SKPTemplateRHK.objects.filter(pk=row.pk).exists()


def test_inline_rhk_add_refuses_empty_text(cast, login, template):
    client = login("eko")
    before = _count()
    response = client.post(
        reverse("plans:template-rhk-add", args=[template.pk]),
        {"baru-jenis": "utama", "baru-teks": "  "},
        **HX,
    )
    assert response.status_code == 200
    assert "HX-Retarget" not in response
    assert "Tuliskan rencana hasil kerjanya" in response.content.decode()
    assert _count() == before


def test_inline_iki_add_update_delete(cast, login, template):
    client = login("eko")
    rhk = template.rhk.first()
    p = f"iki-baru{rhk.pk}"
    response = client.post(
        reverse("plans:template-iki-add", args=[rhk.pk]),
        {f"{p}-aspek": "kualitas", f"{p}-indikator": "Ketepatan", f"{p}-target_jenis": "rentang",
         f"{p}-target_min": "80", f"{p}-target_maks": "92,5", f"{p}-satuan": "persen"},
        **HX,
    )  # fmt: skip
    assert response.status_code == 200 and "80 – 92,5 persen" in response.content.decode()
    iki = SKPTemplateIKI.objects.get(indikator="Ketepatan")
    assert iki.target_maks == Decimal("92.5")
    q = f"iki{iki.pk}"
    response = client.get(reverse("plans:template-iki-update", args=[iki.pk]), **HX)
    assert 'value="92,5"' in response.content.decode()
    response = client.post(
        reverse("plans:template-iki-update", args=[iki.pk]),
        {f"{q}-aspek": "kualitas", f"{q}-indikator": "Ketepatan", f"{q}-target_jenis": "angka",
         f"{q}-target_nilai": "90", f"{q}-satuan": "persen"},
        **HX,
    )  # fmt: skip
    iki.refresh_from_db()
    assert (iki.target_jenis, iki.target_nilai, iki.target_min) == ("angka", Decimal(90), None)
    response = client.post(reverse("plans:template-iki-delete", args=[iki.pk]))
    assert response.status_code == 302
    assert not SKPTemplateIKI.objects.filter(pk=iki.pk).exists()


def test_inline_iki_refuses_a_reversed_range(cast, login, template):
    client = login("eko")
    rhk = template.rhk.first()
    p = f"iki-baru{rhk.pk}"
    before = _count()
    response = client.post(
        reverse("plans:template-iki-add", args=[rhk.pk]),
        {f"{p}-aspek": "kualitas", f"{p}-indikator": "X", f"{p}-target_jenis": "rentang",
         f"{p}-target_min": "20", f"{p}-target_maks": "10", f"{p}-satuan": "persen"},
        **HX,
    )  # fmt: skip
    assert response.status_code == 200 and "HX-Retarget" not in response
    assert "tidak boleh lebih kecil" in response.content.decode()
    assert _count() == before


def test_delete_template(cast, login, template):
    client = login("eko")
    url = reverse("plans:template-delete", args=[template.pk])
    assert "beserta semua RHK" in client.get(url).content.decode()
    response = client.post(url, **HX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("plans:template-list")
    assert not SKPTemplate.objects.exists()


def test_template_writes_by_others_are_refused(cast, login, template):
    rhk = template.rhk.first()
    iki = rhk.iki.first()
    posts = [
        (reverse("plans:template-create"), {"nama": "X", "jabatan": "J-PELAKSANA"}),
        (reverse("plans:template-update", args=[template.pk]), {"nama": "X"}),
        (reverse("plans:template-delete", args=[template.pk]), {}),
        (reverse("plans:template-rhk-add", args=[template.pk]), {"baru-teks": "X"}),
        (reverse("plans:template-rhk-delete", args=[rhk.pk]), {}),
        (reverse("plans:template-iki-delete", args=[iki.pk]), {}),
    ]
    before = _count()
    for who, status in (("bob", 403), ("charlie", 403), ("fajar", 403), ("gita", 404)):
        client = login(who)
        for url, data in posts:
            expected = 403 if url == reverse("plans:template-create") else status
            assert client.post(url, data).status_code == expected, (who, url)
    assert _count() == before


# --- the owner's actions ------------------------------------------------------------------


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast)


def test_copy_page_lists_own_earlier_skp_and_creates_a_draft(cast, login, cascade):
    periode = make_periode(cast, 2027)
    client = login("charlie")
    url = reverse("plans:skp-copy")
    response = client.get(url, {"periode": periode.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pengadministrasi Umum" in html and f'value="{cascade.charlie.pk}"' in html
    assert f'value="{cascade.dina.pk}"' not in html  # only one's own SKP
    # HTMX: changing the year redraws the form only; 2026 has no earlier SKP.
    response = client.get(url, {"periode": cascade.periode.pk}, **HX)
    html = response.content.decode()
    assert "<html" not in html and "belum mempunyai SKP dari tahun sebelum 2026" in html
    response = client.post(url, {"periode": periode.pk, "source": cascade.charlie.pk})
    new = SKP.objects.get(pegawai=cast.charlie, periode=periode)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:skp-detail", args=[new.pk])
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("belum terhubung dengan RHK pejabat penilai" in m for m in shown)


def test_copy_page_refusals_write_nothing(cast, login, cascade):
    periode = make_periode(cast, 2027)
    client = login("charlie")
    url = reverse("plans:skp-copy")
    before = _count()
    # Someone else's SKP is not a choice; no source; the same year as the source.
    for data, message in (
        ({"periode": periode.pk, "source": cascade.dina.pk}, "Pilih salah satu SKP Anda"),
        ({"periode": periode.pk}, "Pilih SKP yang akan disalin"),
        (
            {"periode": cascade.periode.pk, "source": cascade.charlie.pk},
            "belum mempunyai SKP dari tahun sebelum 2026",
        ),
    ):
        response = client.post(url, data)
        assert response.status_code == 200 and message in response.content.decode(), data
    assert _count() == before
    assert login("root").get(url).status_code == 403


def test_copy_into_a_draft_and_not_into_an_approved_skp(cast, login, cascade):
    draft = make_skp(cast, "alice", make_periode(cast, 2027))
    client = login("alice")
    url = reverse("plans:skp-copy-into", args=[draft.pk])
    assert f'value="{cascade.alice.pk}"' in client.get(url).content.decode()
    response = client.post(url, {"source": cascade.alice.pk})
    assert response.status_code == 302 and draft.rhk.count() == 2
    # An approved SKP: the page explains; a POST is refused with the same message.
    url = reverse("plans:skp-copy-into", args=[cascade.alice.pk])
    assert "tidak dapat diubah" in client.get(url).content.decode()
    before = _count()
    assert client.post(url, {"source": draft.pk}).status_code == 200
    assert _count() == before
    # Not the owner: 403; another agency: 404.
    assert login("bob").post(url, {"source": draft.pk}).status_code == 403
    assert login("gita").get(url).status_code == 404


def test_apply_template_page_and_action(cast, login, cascade, template):
    other = template_services.skp_template_create(
        actor=cast.actor("eko"), nama="Fungsional", jenis_jabatan="fungsional"
    )
    template_services.skp_template_rhk_add(
        actor=cast.actor("eko"), template_id=other.pk, jenis="utama", teks="Kajian"
    )
    periode = make_periode(cast, 2027)
    draft = make_skp(cast, "charlie", periode)
    client = login("charlie")
    url = reverse("plans:skp-apply-template", args=[draft.pk])
    html = client.get(url).content.decode()
    assert "SKP Pengadministrasi Umum" in html and "Fungsional" not in html
    before = _count()
    response = client.post(url, {"template": other.pk})  # not for charlie's jabatan
    assert response.status_code == 200 and "bukan untuk jabatan" in response.content.decode()
    response = client.post(url, {"template": "x"})
    assert "Pilih templat" in response.content.decode()
    assert _count() == before
    response = client.post(url, {"template": template.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:skp-detail", args=[draft.pk])
    assert draft.rhk.count() == 3
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Pilih RHK pejabat penilai" in m for m in shown)
    # Another agency's template is not found; others may not fill charlie's SKP.
    gita_t = SKPTemplate.objects.create(instansi=cast.b, nama="B", jenis_jabatan="pelaksana")
    assert client.post(url, {"template": gita_t.pk}).status_code == 404
    assert login("bob").post(url, {"template": template.pk}).status_code == 403
    assert login("gita").post(url, {"template": template.pk}).status_code == 404
