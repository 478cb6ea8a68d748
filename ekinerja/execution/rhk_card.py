"""What execution adds to each RHK card of an approved SKP (plans.hooks, registered in
ExecutionConfig.ready()): the RHK's evidence for its owner and penilai, and "Beri umpan
balik" for the penilai."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ekinerja.plans import domain as plans_domain
from ekinerja.plans.hooks import RHKCard, RHKCardAction, register_rhk_card_action


def _approved_for_owner_or_penilai(card: RHKCard) -> bool:
    return card.skp.status == plans_domain.DISETUJUI and (card.is_owner or card.is_penilai)


def _approved_for_penilai(card: RHKCard) -> bool:
    return card.skp.status == plans_domain.DISETUJUI and card.is_penilai


def _evidence_url(card: RHKCard) -> str:
    return reverse("execution:bukti-rhk", args=[card.rhk.pk])


def _feedback_url(card: RHKCard) -> str:
    query = urlencode({"pegawai": card.skp.pegawai_id, "rhk": card.rhk.pk})
    return f"{reverse('execution:umpan-balik-create')}?{query}"


ACTIONS = (
    RHKCardAction(
        "execution-bukti", _("Bukti dukung"), _evidence_url, _approved_for_owner_or_penilai
    ),
    RHKCardAction(
        "execution-umpan-balik", _("Beri umpan balik"), _feedback_url, _approved_for_penilai
    ),
)


def register() -> None:
    for action in ACTIONS:
        register_rhk_card_action(action)
