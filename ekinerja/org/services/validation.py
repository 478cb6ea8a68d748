"""Identity and position checks shared by the staff form, the services and the
imports: what is wrong with a person's data (NIP, status, golongan, gender, birth
date; rules §6, §12) or a position's (jenjang, kelas), as field errors, and whether an
agency may give a NIP to a person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ekinerja.core.models import User

from .. import domain
from ..models import Jabatan, Pegawai


def pegawai_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Field errors for a person's identity: NIP format, NIP vs status/gender/birth date,
    golongan vs status (rules §6, §12). Empty dict when all is well. The messages are
    domain.Msg (rendered in the reader's language; imports store them)."""
    errors: dict[str, Any] = {}
    status = data.get("status") or ""
    nip_raw = data.get("nip") or ""
    if not (data.get("nama") or "").strip():
        errors["nama"] = domain.Msg(gettext_noop("Nama wajib diisi."))
    if status not in {c for c, _label in Pegawai.Status.choices}:
        errors["status"] = domain.Msg(
            gettext_noop("Status harus PNS, CPNS, PPPK, atau Pejabat non-ASN.")
        )
    if status != domain.NON_ASN or nip_raw:
        try:
            info = domain.parse_nip(nip_raw)
        except domain.NipError as e:
            errors["nip"] = e.msg
        else:
            errors.update(
                domain.identity_errors(
                    info,
                    status=status,
                    gender=data.get("jenis_kelamin"),
                    birth_date=data.get("tanggal_lahir"),
                )
            )
    if "status" not in errors:
        gol_err = domain.golongan_error(status, data.get("golongan") or "")
        if gol_err:
            errors["golongan"] = gol_err
    if data.get("jenis_kelamin") not in (domain.GENDER_MALE, domain.GENDER_FEMALE):
        errors.setdefault(
            "jenis_kelamin", domain.Msg(gettext_noop("Jenis kelamin harus L atau P."))
        )
    return errors


def identity_from_nip(fields: dict[str, Any]) -> dict[str, Any]:
    """Gender and birth date are read from a valid NIP where the caller left them blank
    (rules §6: the NIP encodes both, and the record must agree with it). A value that is
    given is kept, for pegawai_errors to compare with the NIP."""
    out = dict(fields)
    nip = out.get("nip")
    if not nip:
        return out
    try:
        info = domain.parse_nip(nip)
    except domain.NipError:
        return out
    if not out.get("jenis_kelamin"):
        out["jenis_kelamin"] = info.gender
    if not out.get("tanggal_lahir"):
        out["tanggal_lahir"] = info.birth_date
    return out


def nip_unusable(nip: str) -> str:
    return str(domain.NIP_UNUSABLE % {"n": nip})


def pegawai_nip_error(*, instansi_id: int, nip: str, pegawai: Pegawai | None = None) -> str | None:
    """Why this agency cannot give `nip` to a person (`pegawai` keeps their own), or None.

    What holds across agencies: a NIP is unique within an agency (uniq_pegawai_nip), and
    it is the person's login name, unique over all agencies (User.username). Another
    agency's staff are none of this agency's business, so a login name that is taken is
    reported in the same words wherever it is used: the NIP cannot be used. A duplicate
    in the agency's own data says whose NIP it is."""
    same = Pegawai.objects.filter(instansi_id=instansi_id, nip=nip)
    if pegawai is not None:
        same = same.exclude(pk=pegawai.pk)
    holder = same.only("nama", "gelar_depan", "gelar_belakang").first()
    if holder is not None:
        return _("NIP %(n)s sudah terdaftar di instansi ini (%(nama)s).") % {
            "n": nip,
            "nama": holder.nama_lengkap,
        }
    logins = User.objects.filter(username=nip)
    if pegawai is not None and pegawai.user_id:
        logins = logins.exclude(pk=pegawai.user_id)
    if logins.exists():
        return nip_unusable(nip)
    return None


def jabatan_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Field errors of a position (domain.Msg, as pegawai_errors)."""
    errors: dict[str, Any] = {}
    jenis = data.get("jenis")
    if jenis == Jabatan.Jenis.FUNGSIONAL and not data.get("jenjang"):
        errors["jenjang"] = domain.Msg(gettext_noop("Jabatan fungsional wajib mempunyai jenjang."))
    if jenis != Jabatan.Jenis.FUNGSIONAL and data.get("jenjang"):
        errors["jenjang"] = domain.Msg(gettext_noop("Jenjang hanya untuk jabatan fungsional."))
    kelas = data.get("kelas")
    if kelas is not None and not 1 <= int(kelas) <= 17:
        errors["kelas"] = domain.Msg(gettext_noop("Kelas jabatan harus antara 1 dan 17."))
    return errors


def raise_errors(errors: dict[str, Any]) -> None:
    """Field errors (as from pegawai_errors / jabatan_errors) as one ValidationError."""
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})
