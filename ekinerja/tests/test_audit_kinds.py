"""Every kind of audit event any service can write renders in the audit browser, labelled
(issue 11 §3, §7): the kinds are read from the code (audit_scan), so a new kind is
covered the day it is written. For each kind, events with the keys the code writes
(reverse relations and non-field keys included), as a diff and as plain values, are
shown on the list and the detail page: 200, the action's label, every key's label, and
no internal code (`import.commit`, `tidak_berubah`, `Sha256`, `appraisal.siasn_export`)
anywhere a reader looks."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse

from ekinerja.core import audit, selectors
from ekinerja.core.audit_labels import labels
from ekinerja.core.models import AuditEvent

from .audit_scan import audit_sites

pytestmark = pytest.mark.django_db

SITES = audit_sites()


def _family_models() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for site in SITES:
        if site.model:
            for action in site.actions:
                out.setdefault(action.split(".")[0], set()).add(site.model)
    return out


def _extra_keys(where: str, action: str) -> set[str]:
    """Keys the scan cannot read, from the data that defines them: an import writes
    the columns of its file (org.imports.columns.COLUMNS)."""
    if where.startswith("org/imports/"):
        from ekinerja.org.imports.columns import COLUMNS

        return {c.name for c in COLUMNS.get(action.split(".")[0], ())}
    return set()


def _kinds() -> dict[str, dict[str, Any]]:
    """{action: {"model": label or "", "keys": set, "where": [sites]}}"""
    families = _family_models()
    kinds: dict[str, dict[str, Any]] = {}
    for site in SITES:
        for action in site.actions:
            model = site.model
            if model is None:  # the code does not say: the model of the same family
                same = families.get(action.split(".")[0], set())
                model = next(iter(same)) if len(same) == 1 else None
            kind = kinds.setdefault(action, {"model": model, "keys": set(), "where": []})
            kind["where"].append(site.where)
            if kind["model"] is None:
                kind["model"] = model
            extra = _extra_keys(site.where, action)
            kind["keys"] |= site.keys | extra
            if site.open_keys and model and not extra:  # every field the model has
                kind["keys"] |= {
                    f.name
                    for f in apps.get_model(model)._meta.concrete_fields
                    if not f.primary_key and f.name not in ("instansi", "created_at", "updated_at")
                }
    return kinds


KINDS = _kinds()


def test_the_scan_reads_every_audit_call():
    problems = {site.where: site.problems for site in SITES if site.problems}
    assert not problems, problems
    assert all(site.actions for site in SITES)
    unknown_model = [a for a, k in KINDS.items() if k["model"] is None]
    assert not unknown_model, f"the scan cannot tell the object of {unknown_model}"
    # What the issue reported, and a fair sample of each app:
    assert {
        "periode_penilaian.open",
        "periode_penilaian.sync",
        "aktivitas.delete",
        "import.commit",
        "skp.approve",
        "pegawai.jabatan.plt",
        "bukti.create",
        "appraisal.siasn_export",
        "auth.login",
        "api_token.create",
    } <= set(KINDS)
    assert "evaluasi_baru" in KINDS["periode_penilaian.status"]["keys"]
    assert "bukti" in KINDS["aktivitas.delete"]["keys"]


# --- realistic values -----------------------------------------------------------------

REALISTIC: dict[tuple[str, str], Any] = {
    ("aturan_penilaian.update", "kurva"): {
        "baik": [
            {"predikat": ["baik"], "op": "le", "share": "0.7", "people": None},
            {"predikat": ["butuh_perbaikan", "kurang"], "op": "ge", "people": 1},
        ]
    },
    ("aturan_penilaian.update", "pemetaan_kepala"): {"istimewa": "di_atas", "baik": "sesuai"},
    ("aturan_penilaian.update", "siasn_koefisien"): {"ahli_pertama": "a1b2", "terampil": ""},
    ("evaluasi.rate", "umpan_balik_rhk"): {"12": "Tepat waktu sepanjang bulan."},
    ("evaluasi.rate", "umpan_balik_perilaku"): {"1": "Pengaduan dijawab dalam 2 hari."},
    ("penetapan.create", "jumlah"): {"sangat_baik": 1, "baik": 3, "butuh_perbaikan": 1},
    ("plans.cascade_export", "saringan"): {"celah": "tanpa_iki", "status": "belum", "q": "dina"},
    ("bukti.create", "sasaran"): "rencana_aksi #12",
    ("bukti.delete", "sasaran"): "aktivitas #7",
    ("aktivitas.copy", "aktivitas"): [31, 32],
}


def _field(model: Any, name: str) -> Any:
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _value(action: str, model: Any, name: str) -> Any:
    if (action, name) in REALISTIC:
        return REALISTIC[(action, name)]
    registry = labels()
    codes = registry.action_values.get((action, name)) or registry.values.get(name)
    if codes:
        return next(iter(codes))
    found = _field(model, name)
    if found is None:
        return 3  # a count, as the services write for what is not a field
    if not getattr(found, "concrete", False):
        return 2  # a reverse relation: how many (aktivitas.delete → "bukti": 2)
    if found.choices:
        return next(iter(dict(found.flatchoices)))
    kind = found.get_internal_type()
    if found.is_relation:
        return "Dinas Alfa (#3)"
    return {
        "BooleanField": True,
        "DateField": "2026-03-02",
        "DateTimeField": "2026-03-02 01:30:00+00:00",
        "DecimalField": "12.5000",
        "TimeField": "08:30",
        "JSONField": {},
        "PositiveSmallIntegerField": 4,
        "PositiveIntegerField": 4,
        "IntegerField": 4,
        "SmallIntegerField": 4,
    }.get(kind, "Teks contoh")


def _visible(body: str) -> str:
    """The text a reader sees: no tags, scripts, attribute values or the technical
    "Kode aksi" row of the detail page."""
    body = re.sub(r"<(script|style|datalist|code)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


RAW = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z_]+\.[a-z_.]+\b")


@pytest.mark.parametrize("action", sorted(KINDS))
def test_every_kind_of_event_renders_labelled(action, cast, login):
    kind = KINDS[action]
    model = apps.get_model(kind["model"]) if kind["model"] else None
    keys = sorted(kind["keys"])
    values = {k: _value(action, model, k) for k in keys}
    common = {
        "actor": cast.eko.user,
        "action": action,
        "instansi_id": cast.a.pk,
        "object_type": kind["model"] or action,
        "object_id": "5",
        "object_repr": "Objek contoh",
    }
    events = [audit.record(changes=values, **common)]
    if keys:
        old = {k: None for k in keys}
        events.append(
            AuditEvent.objects.create(
                instansi_id=cast.a.pk,
                actor=cast.eko.user,
                actor_label="Eko",
                action=action,
                object_type=common["object_type"],
                object_repr="Objek contoh",
                changes={k: [old[k], v] for k, v in values.items()},
            )
        )

    unlabelled = [k for k in keys if not selectors.field_label(model, k, action)[1]]
    assert not unlabelled, (
        f"{action} ({', '.join(kind['where'])}) writes keys with no label: {unlabelled}; "
        "register them in the app's audit_labels.py"
    )
    label = selectors.action_label(action, kind["model"] or "")
    assert label != action, f"{action}: register its label in the app's audit_labels.py"

    client = login("fajar")
    listing = client.get(reverse("core:audit-list"), {"action": action})
    assert listing.status_code == 200
    text = _visible(listing.content.decode())
    assert label in text
    bad = sorted(set(RAW.findall(text.split("Nilai lama → baru", 1)[-1])))
    assert not bad, f"{action}: the list shows internal names {bad}"
    for event in events:
        detail = client.get(reverse("core:audit-detail", args=[event.pk]))
        assert detail.status_code == 200
        text = _visible(detail.content.decode())
        assert label in text
        for key in keys:
            assert selectors.field_label(model, key, action)[0] in text, key
        bad = sorted(set(RAW.findall(text)))
        assert not bad, f"{action}: the detail shows internal names {bad}"


def test_any_key_of_any_model_gets_a_label_and_its_value_a_text():
    """Fields, foreign keys, reverse relations (ManyToOneRel has no verbose_name: the
    500 of issue 11 §3), many-to-many, keys that are no field, and odd values."""
    ctx_values = [None, "", True, 0, 3, "2026-03-02", "0001-01-01", "12.5000", [1, 2], {"a": 1}]
    for model in apps.get_models():
        names = [f.name for f in model._meta.get_fields()] + ["bukan_field", "x"]
        for name in names:
            label, _known = selectors.field_label(model, name, "sesuatu.update")
            assert label and "_" not in label, (model, name, label)
            event = AuditEvent(action="sesuatu.update", object_type=model._meta.label_lower)
            for value in ctx_values:
                event.changes = {name: [value, value]}
                assert selectors.change_rows(event)[0].field == label
