"""Whether a unit's penetapan may go ahead (rules §1, §2): every reason it is refused.

Where is the distribution curve enforced? Here, in `penetapan_refusals`, and nowhere
else. It is a pure function over `PenetapanFacts`, which ONE selector gathers
(`selectors.unit.penetapan_facts`, from `selectors.kurva.curve_status`). Both callers
use the pair:

- `services.penetapan.penetapan_create` refuses with these reasons (checked before its
  UPDATE, and again once the UPDATE holds the rows);
- the unit page previews the same reasons before anybody presses the button
  (`views.unit.side_context`), so the page and the service cannot disagree.

What it refuses, in this order (rules §2, SE MenPANRB 3/2023):

1. a penetapan in force (only the Admin Instansi's reopening changes it);
2. no evaluation in the unit for the period;
3. people the curve counts who are not rated yet (named, the first `LISTED`), or
   nobody rated at all;
4. no organisation predikat while the curve counts someone (the curve cannot be
   checked), or a curve that fails — each failing rule and by how many people. A small
   curve that no rating of its n people can satisfy does not block
   (`distribution.CurveCheck.satisfiable`); rules still open while people are unrated
   are covered by reason 3;
5. every rated unit head whose rating hasil kerja is not the one their unit's
   organisation predikat gives (rules §1).

No ORM, no request, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .distribution import CurveCheck
from .ratings import PREDIKAT_ORGANISASI_LABELS, RATING_LABELS

# How many unrated people a refusal names before it says "and n more".
LISTED = 10


@dataclass(frozen=True)
class RatedHead:
    """A rated unit head in the unit's penetapan whose own unit has an organisation
    predikat for the period."""

    nama: str
    unit: str  # the unit they head
    rating_hasil_kerja: str
    predikat_organisasi: str  # of the unit they head


@dataclass(frozen=True)
class PenetapanFacts:
    """What the refusals look at, for one unit and period. Facts that an earlier
    refusal makes moot are left at their defaults by the selector (no query is spent on
    them): with a penetapan in force or no evaluation, only those two are read."""

    unit: str  # the unit's name
    periode: str  # the period's label
    ditetapkan: bool  # a penetapan is in force
    jumlah_evaluasi: int  # every evaluation the unit's penetapan locks
    dihitung: int = 0  # everyone the curve covers, rated or not
    n: int = 0  # the rated people the curve counts
    belum: int = 0  # counted by the curve, not rated yet
    belum_nama: tuple[str | None, ...] = ()  # the first LISTED of them, by name
    dinilai: int = 0  # rated, counted by the curve or not
    predikat_organisasi: str | None = None  # the unit's, None while not set
    check: CurveCheck | None = None  # the curve against it (None without one)
    heads: tuple[RatedHead, ...] = ()  # by name
    head_rating: Mapping[str, str] = field(default_factory=dict)  # org predikat → rating


def _names(names: tuple[str | None, ...], total: int) -> str:
    listed = [nama or _("(tanpa nama)") for nama in names[:LISTED]]
    text = ", ".join(listed)
    if total > len(listed):
        more = total - len(listed)
        text += ngettext(", dan %(n)s orang lainnya", ", dan %(n)s orang lainnya", more) % {
            "n": more
        }
    return text


def penetapan_refusals(facts: PenetapanFacts) -> list[str]:
    """Every reason the unit's penetapan for the period is refused now, each a sentence
    a user can act on, in the order of the module's docstring; [] when it may go
    ahead."""
    unit, periode = facts.unit, facts.periode
    if facts.ditetapkan:
        return [
            _(
                "Distribusi predikat %(unit)s periode %(periode)s sudah ditetapkan. "
                "Perubahan hanya melalui pembukaan kembali oleh Admin Instansi."
            )
            % {"unit": unit, "periode": periode}
        ]
    if facts.jumlah_evaluasi == 0:
        return [
            _("Belum ada evaluasi kinerja di %(unit)s untuk periode %(periode)s.")
            % {"unit": unit, "periode": periode}
        ]
    reasons: list[str] = []
    if facts.belum:
        reasons.append(
            ngettext(
                "%(n)s pegawai belum dinilai oleh pejabat penilainya: %(nama)s.",
                "%(n)s pegawai belum dinilai oleh pejabat penilainya: %(nama)s.",
                facts.belum,
            )
            % {"n": facts.belum, "nama": _names(facts.belum_nama, facts.belum)}
        )
    elif not facts.dinilai:
        reasons.append(_("Belum ada pegawai yang dinilai di unit ini."))
    check = facts.check
    if facts.predikat_organisasi is None:
        if facts.dihitung:
            reasons.append(
                _(
                    "Predikat kinerja organisasi %(unit)s untuk periode %(periode)s belum "
                    "ditetapkan oleh pimpinan satu tingkat di atasnya; kurva distribusi "
                    "tidak dapat diperiksa."
                )
                % {"unit": unit, "periode": periode}
            )
    elif check is not None and facts.n and check.satisfiable and check.failures:
        # A small curve no rating could satisfy does not block (rules §2); rules the
        # unrated still decide are covered by the unrated reason above.
        reasons.append(
            _("Kurva distribusi untuk predikat organisasi %(po)s tidak terpenuhi: %(rules)s")
            % {
                "po": PREDIKAT_ORGANISASI_LABELS[facts.predikat_organisasi],
                "rules": " ".join(r.text() for r in check.failures),
            }
        )
    reasons.extend(_head_mismatches(facts))
    return reasons


def _head_mismatches(facts: PenetapanFacts) -> list[str]:
    """Rated unit heads whose rating hasil kerja is not the one their unit's
    organisation predikat gives (rules §1, SE MenPANRB 3/2023)."""
    out = []
    for head in facts.heads:
        expected = facts.head_rating.get(head.predikat_organisasi)
        hk = head.rating_hasil_kerja
        if expected and hk != expected:
            out.append(
                _(
                    "%(nama)s mengepalai %(unit)s (predikat organisasi %(po)s): rating "
                    "hasil kerjanya harus %(harus)s, bukan %(hk)s."
                )
                % {
                    "nama": head.nama,
                    "unit": head.unit,
                    "po": PREDIKAT_ORGANISASI_LABELS.get(
                        head.predikat_organisasi, head.predikat_organisasi
                    ),
                    "harus": RATING_LABELS[expected],
                    "hk": RATING_LABELS.get(hk, hk or "—"),
                }
            )
    return out
