"""Pages for importing units, positions and staff (upload → preview → commit or cancel),
the sample files, and the XLSX export of the same lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from ekinerja.core import audit
from ekinerja.core import tabular as reading
from ekinerja.core.http import ActorRequest
from ekinerja.core.msg import render as render_msg

from .. import domain, exports
from ..access import require_admin
from ..forms.imports import ImportForm
from ..imports import batches, columns
from ..models import ImportBatch, Jabatan, Pegawai

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PREVIEW_CHANGES = 50
ERRORS_SHOWN = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _column_docs() -> list[dict[str, Any]]:
    return [
        {"kind": k, "label": ImportBatch.Kind(k).label, "columns": columns.COLUMNS[k]}
        for k in columns.KINDS
    ]


@require_http_methods(["GET", "POST"])
@login_required
def import_start(request: ActorRequest) -> HttpResponse:
    actor = require_admin(request.actor)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"kind": "pegawai"})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            batch = batches.import_prepare(
                actor=actor,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
            )
        except ValidationError as e:
            for fieldname, errs in e.message_dict.items():
                form.add_error(fieldname if fieldname in form.fields else None, errs)
        else:
            return redirect("org:import-preview", pk=batch.pk)
    context = {
        "form": form,
        "docs": _column_docs(),
        "batches": batches.recent_batches(actor=actor),
        "max_mb": reading.format_mb(settings.IMPORT_MAX_BYTES),
    }
    return render(request, "org/import_start.html", context)


class _Shown:
    """A planned value as the admin reads it, in their language: Ya/Tidak, a choice's
    label (Ahli Pertama, Laki-laki), a date as 26-09-1986, a NIP in its printed groups,
    and — for nothing (the plan stores codes, ISO dates and booleans)."""

    def __init__(self, kind: str) -> None:
        self.parser = {c.name: c.parser for c in columns.COLUMNS.get(kind, ())}
        self.labels: dict[str, dict[str, Any]] = {
            "jenis": dict(Jabatan.Jenis.choices),
            "jenjang": dict(Jabatan.Jenjang.choices),
            "gender": dict(Pegawai.JenisKelamin.choices),
            "status": dict(Pegawai.Status.choices),
        }

    def __call__(self, column: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        parser = self.parser.get(column, "")
        if parser == "bool" or isinstance(value, bool):
            return str(_("Ya") if value else _("Tidak"))
        if parser == "date":
            try:
                return dt.date.fromisoformat(str(value)).strftime("%d-%m-%Y")
            except ValueError:
                return str(value)
        if parser == "nip":
            return domain.format_nip(str(value))
        if parser in self.labels:
            return str(self.labels[parser].get(value, value))
        return str(value)


def _job_error(stored: Any) -> str:
    """The background job's reason, in the viewer's language (stored as domain.Msg JSON;
    plain text from before)."""
    if not stored:
        return ""
    if isinstance(stored, list):
        return " ".join(render_msg(m) for m in stored)
    return render_msg(stored)


@require_http_methods(["GET", "POST"])
@login_required
def import_preview(request: ActorRequest, pk: int) -> HttpResponse:
    batch = batches.access_import_batch(actor=request.actor, id=pk)
    actor = request.actor
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "commit" and len(batch.rows or []) > settings.IMPORT_INLINE_MAX_ROWS:
                batches.import_queue(actor=actor, batch=batch)
                messages.info(
                    request,
                    _(
                        "Impor %(f)s sedang diterapkan di latar belakang. Halaman ini "
                        "memperbarui dirinya sendiri sampai selesai."
                    )
                    % {"f": batch.filename},
                )
                return redirect("org:import-preview", pk=batch.pk)
            if action == "commit":
                batch = batches.import_commit(actor=actor, batch=batch)
                s = batch.summary
                messages.success(
                    request,
                    _("Impor %(f)s diterapkan: %(c)d baru, %(u)d diubah, %(n)d tidak berubah.")
                    % {
                        "f": batch.filename,
                        "c": s["create"],
                        "u": s["update"],
                        "n": s["unchanged"],
                    },  # fmt: skip
                )
                if batch.kind == ImportBatch.Kind.PEGAWAI and s["create"]:
                    # New logins have no password yet (docs/import.md): say what is next.
                    messages.info(
                        request,
                        ngettext(
                            "%(c)d pegawai baru belum dapat masuk sampai akunnya "
                            "diaktifkan: terbitkan kode aktivasi di Pegawai → Aktivasi akun.",
                            "%(c)d pegawai baru belum dapat masuk sampai akunnya "
                            "diaktifkan: terbitkan kode aktivasi di Pegawai → Aktivasi akun.",
                            s["create"],
                        )
                        % {"c": s["create"]},
                    )
                return redirect("org:import-start")
            if action == "cancel":
                batches.import_cancel(actor=actor, batch=batch)
                messages.info(request, _("Impor %(f)s dibatalkan.") % {"f": batch.filename})
                return redirect("org:import-start")
        except ValidationError as e:
            for msg in e.messages:
                messages.error(request, msg)
            return redirect("org:import-preview", pk=batch.pk)
        messages.error(request, _("Tindakan tidak dikenal."))
        return redirect("org:import-preview", pk=batch.pk)
    rows = batch.rows if isinstance(batch.rows, list) else []
    errors = batches.rendered_errors(batch.errors)
    summary = batch.summary if isinstance(batch.summary, dict) else {}
    changes = [r for r in rows if r.get("action") in ("create", "update")][:PREVIEW_CHANGES]
    key = "nip" if batch.kind == "pegawai" else "kode"
    shown = _Shown(batch.kind)
    context = {
        "batch": batch,
        "summary": {
            "create": summary.get("create", 0),
            "update": summary.get("update", 0),
            "unchanged": summary.get("unchanged", 0),
            "total": summary.get("total", 0),
            "ignored": summary.get("ignored", []),
        },
        "changes": [
            {
                "row": r.get("row"),
                "action": r.get("action"),
                "key": shown(key, r.get("values", {}).get(key, "")),
                "nama": r.get("values", {}).get("nama", ""),
                "changes": [
                    (c, shown(c, v[0]), shown(c, v[1])) for c, v in r.get("changes", {}).items()
                ],
            }
            for r in changes
        ],
        "n_changes": summary.get("create", 0) + summary.get("update", 0),
        "errors": errors[:ERRORS_SHOWN],
        "n_errors": len(errors),
        "error_rows": summary.get("error_rows", len({e.get("row") for e in errors})),
        "can_commit": batch.status == ImportBatch.Status.PREVIEW and not errors and bool(rows),
        "same_file": batches.same_file_committed(batch=batch),
        "queued": batch.status == ImportBatch.Status.QUEUED,
        "job_error": _job_error(summary.get("job_error")),
    }
    return render(request, "org/import_preview.html", context)


@require_GET
@login_required
def import_sample(request: ActorRequest, kind: str, fmt: str) -> FileResponse:
    require_admin(request.actor)
    if kind not in columns.KINDS or fmt not in columns.FORMATS:
        raise Http404(_("Contoh berkas tidak ditemukan."))
    file = SAMPLES / f"{kind}.{fmt}"
    content_type = XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=f"contoh-{kind}.{fmt}",
        content_type=content_type,
    )


@require_GET
@login_required
def export(request: ActorRequest, kind: str) -> HttpResponse:
    if kind not in columns.KINDS:
        raise Http404(_("Jenis ekspor tidak dikenal."))
    data, n = exports.export_xlsx(actor=request.actor, kind=kind)
    actor = request.actor
    audit.record(
        actor=actor.user,
        action="org.export",
        instansi_id=actor.instansi_id,
        changes={"jenis": kind, "jumlah": n},
        object_type="org.export",
        object_repr=kind,
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}.xlsx"'
    return response
