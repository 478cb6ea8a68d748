"""What the SKP pages share: the detail page's context (with the RHK cards' actions
other apps register, plans.hooks) and the HTMX answers of the inline editors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ekinerja.core.access import MemberActor
from ekinerja.core.clock import zone_of
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.http import ActorRequest
from ekinerja.org.domain import NON_ASN

from .. import domain, hooks, selectors
from ..access import access_skp, skp_role
from ..models import SKP

# --- formatting -------------------------------------------------------------------------


def form_error(form: Form, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal, next to its field or at the top of the form."""
    if isinstance(error, ValidationError):
        add_service_errors(form, error)
    else:
        form.add_error(None, str(error) or _("Anda tidak berwenang melakukan tindakan ini."))


def error_text(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or _("Anda tidak berwenang melakukan tindakan ini.")]


# --- the SKP being looked at ------------------------------------------------------------


@dataclass
class Version:
    pk: int
    versi: int
    status: str
    label: str


def skp_versions(skp: SKP) -> list[Version]:
    """Every version of this SKP, oldest first, following the revision chain (one
    query: the versions share pegawai, jabatan and periode)."""
    rows = list(
        SKP.objects.filter(
            instansi_id=skp.instansi_id,
            pegawai_id=skp.pegawai_id,
            jabatan_id=skp.jabatan_id,
            periode_id=skp.periode_id,
        ).values_list("pk", "versi", "status", "sebelumnya_id")
    )
    by_pk = {r[0]: r for r in rows}
    after = {r[3]: r[0] for r in rows if r[3] is not None}
    first = skp.pk
    while by_pk.get(first) and by_pk[first][3] in by_pk:
        first = by_pk[first][3]
    chain: list[Version] = []
    pk: int | None = first
    labels = dict(SKP.Status.choices)
    while pk is not None and pk in by_pk and len(chain) < len(rows):
        r = by_pk[pk]
        chain.append(Version(pk=r[0], versi=r[1], status=r[2], label=str(labels.get(r[2], r[2]))))
        pk = after.get(pk)
    return chain


def rhk_groups(skp: SKP) -> list[dict[str, Any]]:
    """RHK utama, then tambahan (rules §8), each IKI with its printed target."""
    groups: dict[str, dict[str, Any]] = {
        domain.RHK_UTAMA: {"jenis": domain.RHK_UTAMA, "label": _("RHK utama"), "rows": []},
        domain.RHK_TAMBAHAN: {
            "jenis": domain.RHK_TAMBAHAN,
            "label": _("RHK tambahan"),
            "rows": [],
        },
    }
    for rhk in skp.rhk.all():
        rhk.iki_rows = list(rhk.iki.all())
        for iki in rhk.iki_rows:
            iki.target_display = domain.target_text(iki)
        groups[rhk.jenis]["rows"].append(rhk)
    return list(groups.values())


def is_top(skp: SKP) -> bool:
    """`skp.penilai` must be loaded (selectors.skp_with_content)."""
    return domain.is_top_of_cascade(
        has_penilai=skp.penilai_id is not None,
        penilai_non_asn=skp.penilai is not None and skp.penilai.status == NON_ASN,
    )


def detail_context(actor: MemberActor, skp_id: int, **extra: Any) -> dict[str, Any]:
    """Everything the SKP page and its sections render, in a fixed number of queries."""
    found = access_skp(actor=actor, id=skp_id)
    skp = selectors.skp_with_content(found.pk, actor.instansi_id)
    role = skp_role(actor, skp)
    is_owner, is_penilai = role == domain.OWNER, role == domain.PENILAI
    editable = is_owner and domain.is_editable(skp.status)
    top = is_top(skp)
    versions = skp_versions(skp)
    index = next((i for i, v in enumerate(versions) if v.pk == skp.pk), 0)
    successor = versions[index + 1] if index + 1 < len(versions) else None
    ekspektasi = {e.nilai: e.ekspektasi for e in skp.ekspektasi.all()}
    try:
        lampiran = skp.lampiran
    except SKP.lampiran.RelatedObjectDoesNotExist:
        lampiran = None
    context = {
        "skp": skp,
        "who": skp.snapshot.get("pegawai") or {},
        "identities": [
            (_("Pegawai yang dinilai"), skp.snapshot.get("pegawai")),
            (_("Pejabat penilai kinerja"), skp.snapshot.get("penilai")),
            (_("Atasan pejabat penilai kinerja"), skp.snapshot.get("atasan_penilai")),
        ],
        "penilai_nama": (skp.snapshot.get("penilai") or {}).get("nama", ""),
        "role": role,
        "is_owner": is_owner,
        "is_penilai": is_penilai,
        "editable": editable,
        "top": top,
        "groups": rhk_groups(skp),
        "intervensi_choices": (selectors.intervensi_choices(skp) if editable and not top else []),
        "versions": versions,
        "successor": successor,
        "can_submit": is_owner and skp.status == domain.DRAFT,
        "can_decide": is_penilai and skp.status == domain.DIAJUKAN,
        "can_revise": is_owner and skp.status == domain.DISETUJUI and successor is None,
        "can_set_ekspektasi": is_penilai and skp.status != domain.DISETUJUI,
        "perilaku": [(n, ekspektasi.get(n.nomor, "")) for n in domain.BERAKHLAK],
        "lampiran": lampiran,
        "zona": zone_of(actor).key,
    }
    context["can_add_rhk"] = editable and (top or bool(context["intervensi_choices"]))
    for group in context["groups"]:
        for rhk in group["rows"]:
            card = hooks.RHKCard(skp=skp, rhk=rhk, is_owner=is_owner, is_penilai=is_penilai)
            rhk.card_links = hooks.rhk_card_links(card)
    context["submit_blockers"] = submit_blockers(skp, context["groups"]) if is_owner else []
    context.update(extra)
    return context


def submit_blockers(skp: SKP, groups: list[dict[str, Any]]) -> list[str]:
    """What stops this SKP from being submitted, shown before the owner tries
    (services.workflow.skp_submit checks the same)."""
    if skp.status != domain.DRAFT:
        return []
    rows = [(g["jenis"], len(r.iki_rows)) for g in groups for r in g["rows"]]
    blockers = domain.submit_errors(rows)
    if skp.penilai_id is None:
        blockers.append(
            _(
                "SKP ini belum mempunyai pejabat penilai sehingga tidak dapat diajukan. "
                "Minta Admin Instansi menetapkan pejabat penilai Anda."
            )
        )
    return blockers


# --- answers ----------------------------------------------------------------------------

SECTIONS = {
    "rhk-section": "plans/partials/_rhk_section.html",
    "perilaku-section": "plans/partials/_perilaku_section.html",
    "lampiran-section": "plans/partials/_lampiran_section.html",
    "skp-state": "plans/partials/_skp_state.html",
}


def section_response(
    request: ActorRequest, actor: MemberActor, skp_id: int, section: str, **extra: Any
) -> HttpResponse:
    """After an inline edit: the refreshed section, swapped in place of the form's
    section (HX-Retarget), with the state panel swapped out of band — the first edit of
    a returned SKP makes it a draft again, which changes the status and the buttons."""
    context = detail_context(actor, skp_id, **extra)
    body = render_to_string(SECTIONS[section], context, request=request)
    if section != "skp-state":
        body += render_to_string(SECTIONS["skp-state"], {**context, "oob": True}, request=request)
    response = HttpResponse(body)
    response["HX-Retarget"] = f"#{section}"
    response["HX-Reswap"] = "outerHTML"
    return response


def editor_response(
    request: ActorRequest,
    *,
    template: str,
    context: dict[str, Any],
    inline: bool,
    title: str,
) -> HttpResponse:
    """An editor form: the partial for HTMX, or a page of its own without JavaScript."""
    context = {**context, "inline": inline, "title": title}
    if inline:
        return render(request, template, context)
    return render(request, "plans/skp_edit.html", {**context, "editor": template})


def require_owner_edit(actor: MemberActor, skp: SKP) -> None:
    """Opening an editor: only the owner, only while draft or returned (the services
    check the same when the form is sent)."""
    if skp_role(actor, skp) != domain.OWNER:
        raise PermissionDenied(_("Hanya pemilik SKP yang dapat mengubah isinya."))
    if not domain.is_editable(skp.status):
        raise PermissionDenied(
            _(
                "SKP berstatus %(s)s tidak dapat diubah. SKP yang diajukan menunggu keputusan "
                "pejabat penilai; SKP yang disetujui hanya berubah melalui revisi."
            )
            % {"s": skp.get_status_display()}
        )
