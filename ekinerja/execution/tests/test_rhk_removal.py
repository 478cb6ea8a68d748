"""A deleted RHK must not take the staff member's work with it (issue 11 §4).

plans asks, through plans/hooks.py, what is attached to an RHK before deleting it;
execution answers (rencana aksi, bukti dukung, activities, feedback threads) and every
key from execution into plans is PROTECT. What is attached can be moved to another RHK
of the same SKP by its owner (services.rencana.rhk_attachments_move), and follows the
copies when plans replaces a draft SKP on a position change."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from ekinerja.core.models import AuditEvent
from ekinerja.org.models import Pegawai
from ekinerja.org.services.riwayat import pegawai_assign_jabatan
from ekinerja.plans import hooks
from ekinerja.plans.models import IKI, RHK, SKP
from ekinerja.plans.services import editing
from ekinerja.plans.tests.factories import approved_cascade

from ..apps import ExecutionConfig
from ..models import Aktivitas, BuktiDukung, RencanaAksi, UmpanBalik
from ..selectors.rencana import removal_check
from ..services.bukti import bukti_add_file
from ..services.rencana import on_rhk_replaced, rencana_aksi_create, rhk_attachments_move
from . import test_bukti_samples as samples
from .factories import DAY, make_aktivitas, make_umpan_balik

HX = {"HTTP_HX_REQUEST": "true"}
HINT = "Semuanya dapat dipindahkan sekaligus ke RHK lain di Kinerja harian › Rencana aksi."


@pytest.fixture
def draft(cast):
    """charlie's SKP left as a draft (the owner may delete its RHK), with a second RHK."""
    cascade = approved_cascade(cast, leave_draft=("charlie",))
    editing.rhk_add(
        actor=cast.actor("charlie"),
        skp_id=cascade.charlie.pk,
        jenis="utama",
        teks="Arsip surat tertata",
        intervensi_id=cascade.rhk("bob").pk,
    )
    return cascade


def _rhks(cascade):
    first, second = RHK.objects.filter(skp=cascade.charlie).order_by("urutan")
    return first, second


def _plan(cast, rhk, n: int) -> list[RencanaAksi]:
    return [
        rencana_aksi_create(
            actor=cast.actor("charlie"), rhk_id=rhk.pk, periode_ke=3, uraian=f"Langkah {i}"
        )
        for i in range(n)
    ]


def _file(cast, **target) -> BuktiDukung:
    return bukti_add_file(
        actor=cast.actor("charlie"), berkas=samples.upload("laporan.pdf", samples.PDF), **target
    )


def _files(root) -> list[str]:
    return sorted(os.path.join(d, f) for d, _dirs, names in os.walk(root) for f in names)


def _state():
    return (
        list(RHK.objects.order_by("pk").values_list("pk", "skp_id", "teks")),
        list(IKI.objects.order_by("pk").values_list("pk", "rhk_id")),
        list(RencanaAksi.objects.order_by("pk").values_list("pk", "rhk_id", "urutan")),
        list(BuktiDukung.objects.order_by("pk").values_list("pk", "rhk_id", "rencana_aksi_id")),
        list(Aktivitas.objects.order_by("pk").values_list("pk", "rhk_id", "rencana_aksi_id")),
        list(UmpanBalik.objects.order_by("pk").values_list("pk", "rhk_id")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def attached(cast, draft, _bukti_storage):
    """3 rencana aksi on charlie's first RHK, a file on the RHK and one on a plan."""
    rhk, _other = _rhks(draft)
    plans = _plan(cast, rhk, 3)
    _file(cast, rhk_id=rhk.pk)
    _file(cast, rencana_aksi_id=plans[0].pk)
    return rhk


# --- the refusal ----------------------------------------------------------------------


def test_deleting_an_rhk_with_plans_and_evidence_is_refused_and_nothing_goes(
    cast, attached, _bukti_storage
):
    files = _files(_bukti_storage)
    assert len(files) == 2
    before = _state()
    with pytest.raises(ValidationError) as e:
        editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=attached.pk)
    assert e.value.messages == [
        "3 rencana aksi dan 2 bukti dukung terlampir pada RHK ini; pindahkan atau hapus dulu. "
        + HINT
    ]
    assert _state() == before
    assert _files(_bukti_storage) == files
    assert not AuditEvent.objects.filter(action="rhk.delete").exists()


def test_the_refusal_in_english_is_plural_correct(cast, draft):
    rhk, other = _rhks(draft)
    _plan(cast, rhk, 3)
    make_aktivitas(cast, "charlie", rhk=rhk)
    make_umpan_balik(cast, to="charlie", by="bob", rhk=rhk)
    _plan(cast, other, 1)
    with translation.override("en"):
        with pytest.raises(ValidationError) as many:
            editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=rhk.pk)
        with pytest.raises(ValidationError) as one:
            editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=other.pk)
    assert many.value.messages == [
        "3 rencana aksi, 1 activity and 1 umpan balik are attached to this RHK; move or "
        "delete them first. They can all be moved at once to another RHK under Daily "
        "performance › Rencana aksi."
    ]
    assert one.value.messages[0].startswith(
        "1 rencana aksi is attached to this RHK; move or delete it first. They can"
    )


def test_activities_and_feedback_alone_also_keep_the_rhk(cast, draft):
    rhk, _other = _rhks(draft)
    make_aktivitas(cast, "charlie", rhk=rhk)
    make_aktivitas(cast, "charlie", rhk=rhk, jam=("10:00", "11:00"))
    make_umpan_balik(cast, to="charlie", by="bob", rhk=rhk)
    before = _state()
    with pytest.raises(ValidationError) as e:
        editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=rhk.pk)
    assert e.value.messages == [
        "2 aktivitas dan 1 umpan balik terlampir pada RHK ini; pindahkan atau hapus dulu. " + HINT
    ]
    assert _state() == before


def test_an_rhk_with_nothing_attached_is_deleted(cast, draft):
    rhk, other = _rhks(draft)
    _plan(cast, other, 2)  # another RHK's plans do not hold this one
    editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=rhk.pk)
    assert not RHK.objects.filter(pk=rhk.pk).exists()
    assert RencanaAksi.objects.filter(rhk=other).count() == 2
    assert AuditEvent.objects.filter(action="rhk.delete", object_id=str(rhk.pk)).exists()


def test_the_database_refuses_too(cast, attached):
    """Every key from execution into plans is PROTECT: a delete that forgot to ask
    fails rather than cascading."""
    with pytest.raises(ProtectedError):
        RHK.objects.filter(pk=attached.pk).delete()
    for model, name in [
        (RencanaAksi, "rhk"),
        (BuktiDukung, "rhk"),
        (BuktiDukung, "rencana_aksi"),
        (Aktivitas, "rhk"),
        (Aktivitas, "rencana_aksi"),
        (UmpanBalik, "rhk"),
    ]:
        assert model._meta.get_field(name).remote_field.on_delete.__name__ == "PROTECT", (
            model,
            name,
        )


def test_an_unregistered_protect_is_a_refusal_not_a_server_error(cast, attached, monkeypatch):
    """A PROTECT key no check answers for (as appraisal's realisasi of an IKI) still
    gives a message and changes nothing."""
    monkeypatch.setattr(hooks, "_dependant_checks", [])
    before = _state()
    with pytest.raises(ValidationError) as e:
        editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=attached.pk)
    assert "3 rencana aksi" in e.value.messages[0]
    assert "terlampir pada RHK ini" in e.value.messages[0]
    assert _state() == before


# --- the hook ---------------------------------------------------------------------------


def test_execution_registers_its_check_and_its_mover():
    assert removal_check in hooks.removal_checks()
    assert on_rhk_replaced in hooks.replacement_listeners()
    # Registering again (a repeated ready()) does not call them twice.
    ExecutionConfig.ready(ExecutionConfig.create("ekinerja.execution"))
    assert hooks.removal_checks().count(removal_check) == 1


def test_plans_asks_every_registered_check(cast, draft, monkeypatch):
    rhk, _other = _rhks(draft)
    asked = []

    def check(removal):
        asked.append(removal)
        return [hooks.Dependant(count=1, text="1 catatan lain")]

    monkeypatch.setattr(hooks, "_dependant_checks", [check])
    with pytest.raises(ValidationError) as e:
        editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=rhk.pk)
    assert asked == [hooks.Removal(instansi_id=cast.a.pk, rhk_ids=(rhk.pk,))]
    assert e.value.messages == ["1 catatan lain terlampir pada RHK ini; pindahkan atau hapus dulu."]
    iki = IKI.objects.filter(rhk=rhk).first()
    with pytest.raises(ValidationError):
        editing.iki_delete(actor=cast.actor("charlie"), iki_id=iki.pk)
    assert asked[-1] == hooks.Removal(instansi_id=cast.a.pk, iki_ids=(iki.pk,))


# --- the pages (the API: api/tests/test_rhk_removal.py) --------------------------


def test_the_skp_page_shows_the_refusal_with_and_without_htmx(cast, attached, login):
    client = login("charlie")
    before = _state()
    url = reverse("plans:rhk-delete", args=[attached.pk])
    r = client.post(url, **HX)
    assert r.status_code == 200
    assert "3 rencana aksi dan 2 bukti dukung terlampir pada RHK ini" in r.content.decode()
    assert _state() == before
    r = client.post(url, follow=True)
    assert r.redirect_chain[0][1] == 302
    assert "3 rencana aksi dan 2 bukti dukung terlampir pada RHK ini" in r.content.decode()
    assert _state() == before


# --- moving what is attached ------------------------------------------------------------


def test_the_owner_moves_everything_to_another_rhk_then_deletes(cast, draft, _bukti_storage):
    rhk, other = _rhks(draft)
    kept = _plan(cast, other, 1)[0]
    plans = _plan(cast, rhk, 2)
    own = _file(cast, rhk_id=rhk.pk)
    on_plan = _file(cast, rencana_aksi_id=plans[0].pk)
    akt = make_aktivitas(cast, "charlie", rhk=rhk, rencana_aksi=plans[1], status="diverifikasi")
    thread = make_umpan_balik(cast, to="charlie", by="bob", rhk=rhk)
    files = _files(_bukti_storage)
    moved = rhk_attachments_move(
        actor=cast.actor("charlie"), dari_rhk_id=rhk.pk, ke_rhk_id=other.pk
    )
    assert (moved.rencana_aksi, moved.bukti, moved.aktivitas, moved.umpan_balik) == (2, 1, 1, 1)
    assert set(RencanaAksi.objects.filter(rhk=other)) == {kept, *plans}
    # The moved plans come after the ones the RHK had.
    assert [r.pk for r in RencanaAksi.objects.filter(rhk=other).order_by("urutan")] == [
        kept.pk,
        *[p.pk for p in plans],
    ]
    own.refresh_from_db()
    on_plan.refresh_from_db()
    assert own.rhk_id == other.pk and on_plan.rencana_aksi_id == plans[0].pk
    akt.refresh_from_db()
    thread.refresh_from_db()
    assert akt.rhk_id == other.pk and akt.rencana_aksi_id == plans[1].pk
    assert akt.status == "diverifikasi" and thread.rhk_id == other.pk
    actions = sorted(
        AuditEvent.objects.filter(action__endswith=".move").values_list("action", "object_id")
    )
    assert actions == sorted(
        [
            ("rencana_aksi.move", str(plans[0].pk)),
            ("rencana_aksi.move", str(plans[1].pk)),
            ("bukti.move", str(own.pk)),
            ("aktivitas.move", str(akt.pk)),
            ("umpan_balik.move", str(thread.pk)),
        ]
    )
    event = AuditEvent.objects.get(action="aktivitas.move")
    assert event.changes["rhk"] == [f"{rhk} (#{rhk.pk})", f"{other} (#{other.pk})"]
    editing.rhk_delete(actor=cast.actor("charlie"), rhk_id=rhk.pk)
    assert not RHK.objects.filter(pk=rhk.pk).exists()
    assert _files(_bukti_storage) == files


def test_moving_is_refused_when_it_cannot_be_done(cast, draft):
    rhk, other = _rhks(draft)
    _plan(cast, rhk, 1)
    before = _state()
    charlie = cast.actor("charlie")
    cases = [
        # someone else's RHK
        (cast.actor("dina"), rhk.pk, other.pk, PermissionDenied),
        # to itself, to an RHK of another SKP, to one that does not exist
        (charlie, rhk.pk, rhk.pk, ValidationError),
        (charlie, rhk.pk, draft.rhk("bob").pk, ValidationError),
        (charlie, rhk.pk, 10**9, ValidationError),
        # nothing attached
        (charlie, other.pk, rhk.pk, ValidationError),
    ]
    for actor, dari, ke, error in cases:
        with pytest.raises(error):
            rhk_attachments_move(actor=actor, dari_rhk_id=dari, ke_rhk_id=ke)
    # Once submitted the SKP's RHK stay as they are, as for deleting.
    SKP.objects.filter(pk=draft.charlie.pk).update(status="diajukan")
    with pytest.raises(ValidationError):
        rhk_attachments_move(actor=charlie, dari_rhk_id=rhk.pk, ke_rhk_id=other.pk)
    assert _state() == before


def test_the_move_form_on_the_rencana_aksi_page(cast, draft, login):
    rhk, other = _rhks(draft)
    _plan(cast, rhk, 2)
    client = login("charlie")
    page = client.get(reverse("execution:rencana-list"), {"tahun": 2026}).content.decode()
    url = reverse("execution:rencana-rhk-move", args=[rhk.pk])
    assert f'action="{url}"' in page
    # Without JavaScript: POST-redirect-GET with the outcome as a message.
    r = client.post(url, {"ke": other.pk}, follow=True)
    assert r.redirect_chain[-1][1] == 302
    assert "2 rencana aksi dipindahkan" in r.content.decode()
    assert RencanaAksi.objects.filter(rhk=other).count() == 2
    # Bad input: the page again with the reason, nothing changed.
    before = _state()
    r = client.post(url, {"ke": "x" * 30}, follow=True)
    assert "Pilih RHK lain dari SKP yang sama." in r.content.decode()
    assert _state() == before


def test_the_move_form_with_htmx_sends_the_browser_back_to_the_page(cast, draft, login):
    rhk, other = _rhks(draft)
    _plan(cast, rhk, 1)
    client = login("charlie")
    r = client.post(reverse("execution:rencana-rhk-move", args=[rhk.pk]), {"ke": other.pk}, **HX)
    assert r.status_code == 204 and r["HX-Redirect"].endswith(f"?tahun=2026#rhk-{other.pk}")
    assert RencanaAksi.objects.get().rhk_id == other.pk
    page = client.get(r["HX-Redirect"]).content.decode()
    assert "1 rencana aksi dipindahkan" in page


# --- a draft replaced on a position change ------------------------------------------------


def test_a_replaced_draft_hands_its_plans_and_evidence_to_the_new_skp(cast, draft, _bukti_storage):
    rhk, other = _rhks(draft)
    plans = _plan(cast, rhk, 2)
    _file(cast, rencana_aksi_id=plans[0].pk)
    akt = make_aktivitas(cast, "charlie", rhk=other, tanggal=DAY)
    files = _files(_bukti_storage)
    pegawai_assign_jabatan(
        actor=cast.actor("eko"),
        pegawai=Pegawai.objects.get(pk=cast.charlie.pk),
        jabatan=cast.jab_fungsional,
        jenis="definitif",
        tmt_mulai=dt.date(2026, 1, 1),
    )
    assert not SKP.objects.filter(pk=draft.charlie.pk).exists()
    new = SKP.objects.get(pegawai=cast.charlie)
    copies = {r.teks: r for r in new.rhk.all()}
    assert set(RencanaAksi.objects.values_list("rhk_id", flat=True)) == {copies[rhk.teks].pk}
    akt.refresh_from_db()
    assert akt.rhk_id == copies[other.teks].pk
    assert BuktiDukung.objects.get().rencana_aksi_id == plans[0].pk
    assert _files(_bukti_storage) == files
    assert AuditEvent.objects.filter(action="rencana_aksi.move").count() == 2


def test_the_rencana_aksi_page_of_a_draft_counts_in_bounded_queries(
    cast, draft, login, django_assert_max_num_queries
):
    """What is attached is counted for every RHK of a draft in three grouped queries,
    however many RHK and rows there are."""
    rhk, other = _rhks(draft)
    for i in range(4):
        editing.rhk_add(
            actor=cast.actor("charlie"),
            skp_id=draft.charlie.pk,
            jenis="tambahan",
            teks=f"Tugas tambahan {i}",
            intervensi_id=draft.rhk("bob").pk,
        )
    for r in RHK.objects.filter(skp=draft.charlie):
        for plan in _plan(cast, r, 2):
            _file(cast, rencana_aksi_id=plan.pk)
        make_aktivitas(cast, "charlie", rhk=r)
        make_umpan_balik(cast, to="charlie", by="bob", rhk=r)
    client = login("charlie")
    with django_assert_max_num_queries(19):
        r = client.get(reverse("execution:rencana-list"), {"tahun": 2026})
    body = r.content.decode()
    assert body.count("Pindahkan isi RHK ini ke RHK lain") == 6
    assert "Pindahkan 2 rencana aksi, 2 bukti dukung, 1 aktivitas dan 1 umpan balik" in body
