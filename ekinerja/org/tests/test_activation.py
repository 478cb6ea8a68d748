"""Issue 11 §2: the Admin Instansi (or a Pengelola Kinerja, for their units) activates
staff one by one or per unit; codes are shown once, printed as letters or emailed;
admins and auditors are reset only by the platform admin."""

from __future__ import annotations

import re
import subprocess
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ekinerja.core import activation as core_activation
from ekinerja.core.models import ActivationCode, AuditEvent, Notification, Role, User
from ekinerja.org.models import Pegawai
from ekinerja.org.services.pegawai import pegawai_create
from ekinerja.org.services.roles import role_assign

pytestmark = pytest.mark.django_db

NEW = "Kinerja-Baru-Saya-2026"
CODE = re.compile(r"\b[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}\b")


def _nonce(html: str) -> str:
    found = re.search(r'name="nonce" value="([^"]+)"', html)
    assert found is not None, "the page has no nonce"
    return found.group(1)


def _hire(cast, nip: str, nama: str, *, email: str = "", jabatan=None) -> Pegawai:
    """A person as "Tambah pegawai" creates them: a login without a usable password."""
    return pegawai_create(
        actor=cast.actor("eko"),
        nip=nip,
        nama=nama,
        jenis_kelamin="L" if nip[14] == "1" else "P",
        status="PNS",
        golongan="III/a",
        email=email,
        jabatan=jabatan or cast.jab_pelaksana,
        tmt_jabatan=None,
    )


@pytest.fixture
def hires(cast):
    return [
        _hire(cast, "199601012022031001", "Putri Baru", email="putri@example.go.id"),
        _hire(cast, "199602022022032002", "Rudi Baru"),
        _hire(cast, "199603032022031003", "Sari Baru", jabatan=cast.jab_kadis),  # in Dinas
    ]


def _codes(response) -> list[str]:
    """The codes on a page (each appears twice: shown, and in the letters form)."""
    return list(dict.fromkeys(CODE.findall(response.content.decode())))


def _activate(nip: str, code: str) -> int:
    return (
        Client()
        .post(
            reverse("account_activate"),
            {"username": nip, "code": code, "new_password1": NEW, "new_password2": NEW},
        )
        .status_code
    )


def _issue_one(client, pegawai, **data):
    page = client.get(reverse("org:aktivasi-pegawai", args=[pegawai.pk]))
    nonce = _nonce(page.content.decode())
    return client.post(reverse("org:aktivasi-pegawai", args=[pegawai.pk]), {"nonce": nonce, **data})


# --- one person, from the staff page --------------------------------------------------


def test_new_staff_have_an_account_without_a_password(hires):
    for p in hires:
        assert p.user is not None and not p.user.has_usable_password()


def test_admin_activates_one_person_from_the_staff_page(login, cast, hires):
    putri = hires[0]
    client = login("eko")
    detail = client.get(reverse("org:pegawai-detail", args=[putri.pk])).content.decode()
    assert "Belum pernah diterbitkan" in detail
    assert reverse("org:aktivasi-pegawai", args=[putri.pk]) in detail
    response = _issue_one(client, putri, cara="surat")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = _codes(response)
    assert len(codes) == 1
    body = response.content.decode()
    assert "Putri Baru" in body and "hanya ditampilkan sekali" in body
    # The code is not kept anywhere it could be shown again.
    again = client.get(reverse("org:pegawai-detail", args=[putri.pk])).content.decode()
    assert codes[0] not in again and "Menunggu aktivasi" in again
    event = AuditEvent.objects.get(action="auth.activation_issue")
    assert event.actor == cast.eko.user and event.object_id == str(putri.user_id)
    assert _activate(putri.nip, codes[0]) == 302
    after = client.get(reverse("org:pegawai-detail", args=[putri.pk])).content.decode()
    assert "Akun aktif" in after


def test_reloading_the_result_does_not_issue_another_code(login, cast, hires):
    client = login("eko")
    page = client.get(reverse("org:aktivasi-pegawai", args=[hires[1].pk]))
    nonce = _nonce(page.content.decode())
    url = reverse("org:aktivasi-pegawai", args=[hires[1].pk])
    first = client.post(url, {"nonce": nonce, "cara": "surat"})
    second = client.post(url, {"nonce": nonce, "cara": "surat"})
    assert len(_codes(first)) == 1
    assert second.status_code == 302 and not _codes(second)
    assert ActivationCode.objects.filter(user=hires[1].user).count() == 1


def test_admin_resets_a_password_and_the_owner_is_told(
    login, cast, django_capture_on_commit_callbacks
):
    client = login("eko")
    with django_capture_on_commit_callbacks(execute=True):
        response = _issue_one(client, cast.charlie, cara="surat")
    code = _codes(response)[0]
    assert AuditEvent.objects.filter(action="auth.reset_issue").count() == 1
    note = Notification.objects.get(recipient=cast.charlie.user)
    assert "Eko Prasetyo" in note.message
    notices = [m for m in mail.outbox if m.to == ["charlie@example.go.id"]]
    assert len(notices) == 1 and code not in notices[0].body
    assert _activate(cast.charlie.nip, code) == 302


def test_code_by_email_where_the_person_has_one(
    login, cast, hires, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kinerja.alfa.go.id"
    client = login("eko")
    with django_capture_on_commit_callbacks(execute=True):
        response = _issue_one(client, hires[0], cara="email")
    assert not _codes(response)  # sent, not shown
    assert "putri@example.go.id" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["putri@example.go.id"]
    [code] = CODE.findall(str(message.body))
    assert f"https://kinerja.alfa.go.id/akun/aktivasi/?nip={hires[0].nip}" in message.body
    assert ActivationCode.objects.get(user=hires[0].user).delivery == "email"
    assert _activate(hires[0].nip, code) == 302


def test_a_failed_email_falls_back_to_the_letter(login, cast, hires):
    client = login("eko")
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("smtp down")):
        response = _issue_one(client, hires[0], cara="email")
    codes = _codes(response)
    assert len(codes) == 1 and "tidak terkirim" in response.content.decode()
    assert ActivationCode.objects.get(user=hires[0].user).delivery == "surat"


def test_people_without_email_are_offered_the_letter_only(login, hires):
    page = login("eko").get(reverse("org:aktivasi-pegawai", args=[hires[1].pk]))
    body = page.content.decode()
    assert 'value="surat"' in body and 'value="email"' not in body


def test_admin_cannot_issue_for_an_auditor_or_another_admin(login, cast):
    role_assign(actor=cast.actor("eko"), user=cast.dina.user, role=Role.ADMIN)
    client = login("eko")
    for who in (cast.fajar, cast.dina):
        page = client.get(reverse("org:aktivasi-pegawai", args=[who.pk]))
        assert "hanya dapat diatur ulang oleh admin platform" in page.content.decode()
        response = client.post(
            reverse("org:aktivasi-pegawai", args=[who.pk]), {"nonce": "x", "cara": "surat"}
        )
        assert response.status_code == 403
    assert not ActivationCode.objects.exists()
    cast.fajar.user.refresh_from_db()
    assert cast.fajar.user.has_usable_password()


def test_nobody_issues_a_code_for_themself(login, cast):
    response = login("eko").post(
        reverse("org:aktivasi-pegawai", args=[cast.eko.pk]), {"nonce": "x", "cara": "surat"}
    )
    assert response.status_code == 403


def test_a_person_without_an_account_is_shown_as_such(login, cast):
    bupati = Pegawai.objects.create(
        instansi=cast.a, nama="Bupati Alfa", status="NON_ASN", jenis_kelamin="L"
    )
    page = login("eko").get(reverse("org:aktivasi-pegawai", args=[bupati.pk]))
    assert "belum mempunyai akun" in page.content.decode()


# --- the Pengelola Kinerja: their units only ------------------------------------------


@pytest.fixture
def pengelola(cast):
    """dina runs performance administration for Bidang Satu."""
    role_assign(actor=cast.actor("eko"), user=cast.dina.user, role=Role.PENGELOLA, unit=cast.bidang)
    return cast.dina


def test_pengelola_activates_staff_of_their_unit(login, cast, hires, pengelola):
    client = login("dina")
    assert client.get(reverse("org:aktivasi-list")).status_code == 200
    response = _issue_one(client, hires[1], cara="surat")
    assert len(_codes(response)) == 1
    # Sari works in the Dinas, outside dina's Bidang.
    page = client.get(reverse("org:aktivasi-pegawai", args=[hires[2].pk]))
    assert page.status_code == 403


def test_pengelola_cannot_reset_a_supervisor_or_a_role_holder(login, cast, pengelola):
    client = login("dina")
    for who in (cast.bob,):  # bob is the penilai of the bidang's staff
        response = client.post(
            reverse("org:aktivasi-pegawai", args=[who.pk]), {"nonce": "x", "cara": "surat"}
        )
        assert response.status_code == 403
    role_assign(
        actor=cast.actor("eko"), user=cast.charlie.user, role=Role.PENGELOLA, unit=cast.bidang
    )
    response = client.post(
        reverse("org:aktivasi-pegawai", args=[cast.charlie.pk]), {"nonce": "x", "cara": "surat"}
    )
    assert response.status_code == 403
    assert not ActivationCode.objects.exists()


def test_staff_and_auditors_cannot_issue(login, cast, hires):
    for who in ("charlie", "bob", "fajar"):
        client = login(who)
        assert client.get(reverse("org:aktivasi-list")).status_code == 403
        response = client.post(
            reverse("org:aktivasi-pegawai", args=[hires[0].pk]), {"nonce": "x", "cara": "surat"}
        )
        assert response.status_code == 403
    assert not ActivationCode.objects.exists()


def test_another_agencys_person_is_a_404(login, cast):
    response = login("eko").get(reverse("org:aktivasi-pegawai", args=[cast.gita.pk]))
    assert response.status_code == 404


# --- a whole unit, and the letters ----------------------------------------------------


def _issue_unit(client, unit, **data):
    page = client.get(reverse("org:aktivasi-list"))
    nonce = _nonce(page.content.decode())
    return client.post(reverse("org:aktivasi-unit"), {"nonce": nonce, "unit": unit.pk, **data})


def test_admin_activates_a_unit_and_prints_the_letters(login, cast, hires, tmp_path, settings):
    settings.SITE_URL = "https://kinerja.alfa.go.id"
    client = login("eko")
    response = _issue_unit(client, cast.bidang, cara="surat")
    assert response.status_code == 200
    body = response.content.decode()
    # The two new staff of Bidang Satu (and its sub-units); not the activated ones, nor
    # Sari, who works in the Dinas above it.
    assert "Putri Baru" in body and "Rudi Baru" in body and "Sari Baru" not in body
    assert "Charlie Nugroho" not in body
    codes = _codes(response)
    assert len(codes) == 2
    found = re.search(
        r'<form[^>]*action="{}"[^>]*>(.*?)</form>'.format(reverse("org:aktivasi-surat")),
        body,
        re.S,
    )
    assert found is not None
    form = found.group(1)
    fields = re.findall(r'name="(u|k)" value="([^"]+)"', form)
    pdf = client.post(
        reverse("org:aktivasi-surat"),
        {"u": [v for k, v in fields if k == "u"], "k": [v for k, v in fields if k == "k"]},
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    path = tmp_path / "surat.pdf"
    path.write_bytes(pdf.content)
    pages = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Pages:\s+2\b", pages)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for p in hires[:2]:
        assert p.nama in text
    # The code is printed spaced out for reading from paper; text extraction may read
    # the spacing as blanks, which the activation page ignores too.
    squeezed = re.sub(r"\s+", "", text)
    for code in codes:
        assert code in squeezed
    assert "19960101 202203 1 001" in text  # the NIP as printed
    assert "https://kinerja.alfa.go.id/akun/aktivasi/" in text
    assert "Berlaku sampai" in text and "SURAT AKTIVASI AKUN" in text
    # Issuing the unit again leaves pending codes alone unless asked.
    again = _issue_unit(client, cast.bidang, cara="surat")
    assert not _codes(again)
    assert ActivationCode.objects.filter(voided_at__isnull=False).count() == 0
    replaced = _issue_unit(client, cast.bidang, cara="surat", termasuk_menunggu="on")
    assert len(_codes(replaced)) == 2
    assert ActivationCode.objects.filter(voided_at__isnull=False).count() == 2


def test_letters_are_printed_only_for_live_codes_the_reader_may_issue(login, cast, hires):
    client = login("eko")
    response = _issue_one(client, hires[0], cara="surat")
    [code] = _codes(response)
    uid = hires[0].user_id
    ok = client.post(reverse("org:aktivasi-surat"), {"u": [uid], "k": [code]})
    assert ok.status_code == 200
    wrong = client.post(reverse("org:aktivasi-surat"), {"u": [uid], "k": ["AAAAA-AAAAA"]})
    assert wrong.status_code == 400
    foreign = client.post(reverse("org:aktivasi-surat"), {"u": [cast.gita.user_id], "k": [code]})
    assert foreign.status_code == 400
    assert (
        login("charlie").post(reverse("org:aktivasi-surat"), {"u": [uid], "k": [code]}).status_code
        == 403
    )
    assert _activate(hires[0].nip, code) == 302
    used = login("eko").post(reverse("org:aktivasi-surat"), {"u": [uid], "k": [code]})
    assert used.status_code == 400


def test_unit_activation_by_email_where_possible(
    login, cast, hires, django_capture_on_commit_callbacks
):
    client = login("eko")
    with django_capture_on_commit_callbacks(execute=True):
        response = _issue_unit(client, cast.bidang, cara="email")
    assert [m.to for m in mail.outbox] == [["putri@example.go.id"]]
    codes = _codes(response)
    assert len(codes) == 1  # Rudi has no email: his letter
    assert "Rudi Baru" in response.content.decode()


def test_pengelola_chooses_only_their_units(login, cast, hires, pengelola):
    client = login("dina")
    page = client.get(reverse("org:aktivasi-list")).content.decode()
    assert "Bidang Satu" in page and "Dinas Alfa" not in page
    response = _issue_unit(client, cast.dinas, cara="surat")
    assert response.status_code == 403
    assert not ActivationCode.objects.exists()


# --- the issuing list -----------------------------------------------------------------


def test_the_list_shows_who_is_active_pending_or_never_issued(login, cast, hires):
    client = login("eko")
    _issue_one(client, hires[0], cara="surat")
    page = client.get(reverse("org:aktivasi-list")).content.decode()
    assert "Menunggu aktivasi" in page and "Belum pernah diterbitkan" in page
    assert "Akun aktif" in page
    pending = client.get(reverse("org:aktivasi-list") + "?status=menunggu").content.decode()
    assert "Putri Baru" in pending and "Rudi Baru" not in pending
    never = client.get(reverse("org:aktivasi-list") + "?status=belum").content.decode()
    assert "Rudi Baru" in never and "Sari Baru" in never and "Putri Baru" not in never
    assert "Charlie Nugroho" not in never
    active = client.get(reverse("org:aktivasi-list") + "?status=aktif").content.decode()
    assert "Charlie Nugroho" in active and "Putri Baru" not in active


def test_an_expired_code_is_shown_as_expired(login, cast, hires):
    from django.utils import timezone

    client = login("eko")
    _issue_one(client, hires[0], cara="surat")
    ActivationCode.objects.update(expires_at=timezone.now())
    page = client.get(reverse("org:aktivasi-list") + "?status=kedaluwarsa").content.decode()
    assert "Putri Baru" in page and "Kode kedaluwarsa" in page


def test_the_list_costs_a_bounded_number_of_queries(
    login, cast, hires, django_assert_max_num_queries
):
    for i in range(30):
        _hire(cast, f"1997010120220310{i + 1:02d}", f"Pegawai Uji {i:02d}")
    client = login("eko")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("org:aktivasi-list")).status_code == 200
    with django_assert_max_num_queries(14):
        client.get(reverse("org:aktivasi-list") + "?status=belum&q=Uji")


def test_the_list_htmx_answers_with_the_results_only(login, hires):
    response = login("eko").get(
        reverse("org:aktivasi-list") + "?q=Putri", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "Putri Baru" in body and "<html" not in body


# --- imported staff -------------------------------------------------------------------


def test_imported_staff_are_activated_like_any_other(login, cast):
    from ekinerja.org.imports.batches import import_commit, import_prepare

    data = (
        b"nip,nama,status,golongan,kode_jabatan,tmt_jabatan\n"
        b"199801012023031001,Ilham Impor,PNS,III/a,J-PELAKSANA,02-01-2024\n"
    )
    actor = cast.actor("eko")
    batch = import_prepare(actor=actor, kind="pegawai", filename="p.csv", data=data)
    import_commit(actor=actor, batch=batch)
    ilham = Pegawai.objects.get(nip="199801012023031001")
    assert ilham.user is not None and ilham.nip is not None
    assert not ilham.user.has_usable_password()
    response = _issue_one(login("eko"), ilham, cara="surat")
    assert _activate(ilham.nip, _codes(response)[0]) == 302


def test_the_import_page_says_new_staff_must_be_activated(login, cast):
    import io

    client = login("eko")
    f = io.BytesIO(
        b"nip,nama,status,golongan,kode_jabatan,tmt_jabatan\n"
        b"199801012023031001,Ilham Impor,PNS,III/a,J-PELAKSANA,02-01-2024\n"
    )
    f.name = "pegawai.csv"
    response = client.post(reverse("org:import-start"), {"kind": "pegawai", "berkas": f})
    page = client.post(response["Location"], {"action": "commit"}, follow=True)
    body = page.content.decode()
    assert "1 pegawai baru belum dapat masuk" in body and "Aktivasi akun" in body


# --- admins and auditors: the platform admin ------------------------------------------


def test_platform_admin_resets_an_agency_admin(login, cast, django_capture_on_commit_callbacks):
    client = login("root")
    page = client.get(reverse("org:instansi-akun", args=[cast.a.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Eko Prasetyo" in body and "Fajar Hidayat" in body
    assert "Charlie" not in body  # staff are the agency's business
    nonce = _nonce(body)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("org:instansi-akun", args=[cast.a.pk]),
            {"nonce": nonce, "aksi": "kode", "user": cast.fajar.user_id},
        )
    [code] = _codes(response)
    event = AuditEvent.objects.get(action="auth.reset_issue")
    assert event.actor == cast.root and event.instansi_id == cast.a.pk
    assert Notification.objects.filter(recipient=cast.fajar.user).exists()
    assert _activate(cast.fajar.nip, code) == 302


def test_platform_admin_sets_an_auditors_login_email(
    login, cast, django_capture_on_commit_callbacks
):
    client = login("root")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("org:instansi-akun", args=[cast.a.pk]),
            {"aksi": "email", "user": cast.fajar.user_id, "email": "fajar@inspektorat.go.id"},
        )
    assert response.status_code == 302
    cast.fajar.user.refresh_from_db()
    assert cast.fajar.user.email == "fajar@inspektorat.go.id"
    assert AuditEvent.objects.get(action="auth.email_change").actor == cast.root
    assert any(m.to == ["fajar@inspektorat.go.id"] for m in mail.outbox)


def test_platform_admin_touches_only_admins_and_auditors(login, cast):
    client = login("root")
    for aksi in ("kode", "email"):
        response = client.post(
            reverse("org:instansi-akun", args=[cast.a.pk]),
            {"nonce": "n", "aksi": aksi, "user": cast.charlie.user_id, "email": "x@y.id"},
        )
        assert response.status_code == 404
    assert not ActivationCode.objects.exists()
    assert login("eko").get(reverse("org:instansi-akun", args=[cast.a.pk])).status_code == 403


def test_issuing_many_codes_costs_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    users = []
    for i in range(40):
        u = User(username=f"1998010120230310{i:02d}", instansi=cast.a)
        u.set_unusable_password()
        users.append(u)
    User.objects.bulk_create(users)
    users = list(User.objects.filter(username__startswith="1998010120230310"))
    with django_assert_max_num_queries(10):
        issued = core_activation.codes_issue(issued_by=cast.eko.user, users=users)
    assert len(issued) == 40


def test_the_service_itself_refuses_what_the_pages_do_not_offer(cast, hires):
    from django.core.exceptions import PermissionDenied

    from ekinerja.org.activation.issuing import issue
    from ekinerja.org.activation.scope import issuer_scope

    scope = issuer_scope(cast.actor("eko"))
    with pytest.raises(PermissionDenied):
        issue(scope=scope, people=[hires[0], cast.fajar], by_email=False, site="")
    assert not ActivationCode.objects.exists()
    role_assign(actor=cast.actor("eko"), user=cast.dina.user, role=Role.PENGELOLA, unit=cast.bidang)
    dina = issuer_scope(cast.actor("dina"))
    with pytest.raises(PermissionDenied):  # Sari works in the Dinas, outside the Bidang
        issue(scope=dina, people=[hires[2]], by_email=False, site="")
    assert not ActivationCode.objects.exists()
