"""URL × role policy of the SKP template pages and the owner's copy/template actions
(views/templates.py), for ekinerja/tests/test_url_matrix.py.

- Templates (list, create, edit, rows, delete): the Admin Instansi (eko) only; another
  agency's template is a 404 for members of A, and gita, not an admin in B, gets 403 on
  B's template.
- skp-copy (a new SKP from an earlier one): every member with a pegawai record; root 403.
- skp-copy-into and skp-apply-template on an SKP: its owner only (charlie on his approved
  SKP gets the page explaining it cannot change); another agency's SKP: 404.
"""

from __future__ import annotations

from ekinerja.plans.models import SKPTemplate, SKPTemplateIKI, SKPTemplateRHK
from ekinerja.tests.url_policy import (
    ADMIN_ONLY,
    ADMIN_WRITES_A_OBJECT,
    Case,
    World,
    expect,
    members,
    outsider_object,
    own_object_for,
)


def _template(instansi, jabatan, nama: str) -> tuple[int, int, int]:
    t = SKPTemplate.objects.create(instansi=instansi, nama=nama, jabatan=jabatan)
    r = SKPTemplateRHK.objects.create(instansi=instansi, template=t, jenis="utama", teks="RHK")
    i = SKPTemplateIKI.objects.create(
        instansi=instansi, rhk=r, aspek="kuantitas", indikator="Jumlah", target_jenis="angka",
        target_nilai=12, satuan="dokumen",
    )  # fmt: skip
    return t.pk, r.pk, i.pk


def build(world: World) -> None:
    cast = world.cast
    ids = world.ids
    ids["template_a"], ids["template_rhk_a"], ids["template_iki_a"] = _template(
        cast.a, cast.jab_pelaksana, "Templat Alfa"
    )
    ids["template_b"], ids["template_rhk_b"], ids["template_iki_b"] = _template(
        cast.b, cast.gita.jabatan, "Templat Beta"
    )


def _by(key: str):
    return lambda w: [w.ids[key]]


OUTSIDER_ADMIN_OBJECT = outsider_object(gita=403)
OWNER_ONLY = own_object_for(expect(403, charlie=200))

CASES: list[Case] = [
    Case("plans:template-list", ADMIN_ONLY),
    Case("plans:template-create", ADMIN_ONLY),
    *[
        case
        for name, key in (
            ("plans:template-update", "template"),
            ("plans:template-delete", "template"),
            ("plans:template-rhk-add", "template"),
            ("plans:template-rhk-update", "template_rhk"),
            ("plans:template-rhk-delete", "template_rhk"),
            ("plans:template-iki-add", "template_rhk"),
            ("plans:template-iki-update", "template_iki"),
            ("plans:template-iki-delete", "template_iki"),
        )
        for case in (
            Case(name, ADMIN_WRITES_A_OBJECT, _by(f"{key}_a"), "own"),
            Case(name, OUTSIDER_ADMIN_OBJECT, _by(f"{key}_b"), "outsider"),
        )
    ],
    Case("plans:skp-copy", members(200)),
    *[
        case
        for name in ("plans:skp-copy-into", "plans:skp-apply-template")
        for case in (
            Case(name, OWNER_ONLY, _by("skp_charlie"), "own"),
            Case(name, outsider_object(gita=200), _by("skp_gita"), "outsider"),
        )
    ],
]
