"""Explicit hooks through which apps further down the dependency chain take part in a
plans change inside the same transaction (the same idea as org/hooks.py). Why not
Django signals: CONVENTIONS.md keeps logic out of signals; these registries are small
and explicit: one named event each, listeners registered in one known place (the
listening app's AppConfig.ready()), called synchronously in registration order, and
registering one twice is a no-op (a repeated AppConfig.ready()).

--- Removing RHK and IKI (issue 11 §4) -----------------------------------------------

Why this exists: a staff member's rencana aksi, bukti dukung, activities and feedback
threads (execution) point at an RHK of their SKP. Deleting that RHK from a draft SKP
used to take them along (on_delete=CASCADE): gone without an audit event, their files
left in storage. plans must not import execution (dependencies point one way,
`plans ← execution`, CONVENTIONS.md), so it cannot look for them itself. Instead:

- an app whose rows point at RHK or IKI registers a *check* here when it starts
  (its AppConfig.ready()); every delete in plans that removes RHK or IKI (an RHK, an
  IKI, an SKP replaced by a position change) asks `dependants(removal)` first and
  refuses, naming what is attached, when any check answers;
- an app may also register a *mover*: when plans replaces RHK by copies of them (the
  position-change split replaces a draft SKP by a new one with the same RHK), it calls
  `rhk_replaced(...)` before deleting, and the mover carries its rows over to the copies
  in its own services, with its own audit events.

The foreign keys into plans are PROTECT as well, so a delete that forgot to ask fails
instead of taking rows with it.

--- SKP approved (issue 11 §6) ---------------------------------------------------------

An SKP approved after its evaluation period was opened needs its
evaluation in that period (rules §4), but plans must not import appraisal
(`plans ← execution ← appraisal`, CONVENTIONS.md). So appraisal registers a listener
here when it starts (`AppraisalConfig.ready()`), and the SKP workflow calls
`skp_approved` after its own writes, inside its transaction: a listener that raises
rolls the approval back, so an approved SKP and its evaluations never disagree.

--- RHK card actions (issue 12 item 5) -------------------------------------------------

Each RHK of the SKP page is a card; apps above plans add buttons to it (execution: the
RHK's evidence, and the penilai's "Beri umpan balik") without plans naming their
pages. An app registers a `RHKCardAction` in its AppConfig.ready(): a label (lazily
translated), a URL builder and a visibility predicate, both of an `RHKCard` (the SKP,
the RHK, whether the viewer owns the SKP or is its penilai). The SKP page renders the
visible ones, in registration order, after the card's indicators. They are computed
from what the page already loaded: an action must not query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ekinerja.core.roles import Actor

if TYPE_CHECKING:
    from .models import RHK, SKP


@dataclass(frozen=True)
class Removal:
    """What a delete in plans is about to remove: these RHK (each with its IKI) and these
    IKI, all of instansi `instansi_id`."""

    instansi_id: int
    rhk_ids: tuple[int, ...] = ()
    iki_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Dependant:
    """Rows of another app that still need something in a Removal: `count` of them,
    `text` saying so in the active language, counted (e.g. “3 rencana aksi”), and
    optionally `hint`, a sentence telling the owner of an RHK where to move them."""

    count: int
    text: str
    hint: str = ""


@dataclass(frozen=True)
class RHKReplacement:
    """RHK about to be deleted, each replaced by a copy: {old RHK id: copy's id}."""

    actor: Actor
    instansi_id: int
    moves: Mapping[int, int] = field(default_factory=dict)


DependantCheck = Callable[[Removal], list[Dependant]]
ReplacementListener = Callable[[RHKReplacement], None]

_dependant_checks: list[DependantCheck] = []
_replacement_listeners: list[ReplacementListener] = []


def on_removal_check(check: DependantCheck) -> DependantCheck:
    """Register `check` once. Returns it, so it works as a decorator."""
    if check not in _dependant_checks:
        _dependant_checks.append(check)
    return check


def removal_checks() -> tuple[DependantCheck, ...]:
    return tuple(_dependant_checks)


def dependants(removal: Removal) -> list[Dependant]:
    """Everything the registered checks find attached to what `removal` removes (only
    what is there: no zero counts)."""
    if not removal.rhk_ids and not removal.iki_ids:
        return []
    found: list[Dependant] = []
    for check in tuple(_dependant_checks):
        found.extend(d for d in check(removal) if d.count > 0)
    return found


def on_rhk_replaced(listener: ReplacementListener) -> ReplacementListener:
    """Register `listener` once. Returns it, so it works as a decorator."""
    if listener not in _replacement_listeners:
        _replacement_listeners.append(listener)
    return listener


def replacement_listeners() -> tuple[ReplacementListener, ...]:
    return tuple(_replacement_listeners)


def rhk_replaced(replacement: RHKReplacement) -> None:
    """Call every listener, in registration order. Must be called inside the
    transaction of the replacement, before the old RHK are deleted; exceptions
    propagate to the caller."""
    if not replacement.moves:
        return
    for listener in tuple(_replacement_listeners):
        listener(replacement)


# --- SKP approved ---------------------------------------------------------------------


@dataclass(frozen=True)
class SkpApproved:
    """One or more SKP of an instansi just became `disetujui` (one approval or a
    supervisor's bulk approval)."""

    actor: Actor
    instansi_id: int
    skp_ids: tuple[int, ...]


SkpApprovedListener = Callable[[SkpApproved], None]

_skp_approved_listeners: list[SkpApprovedListener] = []


def on_skp_approved(listener: SkpApprovedListener) -> SkpApprovedListener:
    """Register `listener` once (registering it again is a no-op, so that a repeated
    `AppConfig.ready()` does not run it twice). Returns it, so it works as a decorator."""
    if listener not in _skp_approved_listeners:
        _skp_approved_listeners.append(listener)
    return listener


def skp_approved_listeners() -> tuple[SkpApprovedListener, ...]:
    return tuple(_skp_approved_listeners)


def skp_approved(event: SkpApproved) -> None:
    """Call every listener, in registration order. Must be called inside the
    transaction of the approval; exceptions propagate to the caller."""
    for listener in tuple(_skp_approved_listeners):
        listener(event)


# --- RHK card actions -----------------------------------------------------------------


@dataclass(frozen=True)
class RHKCard:
    """What an action sees of one RHK card of the SKP page."""

    skp: SKP
    rhk: RHK
    is_owner: bool
    is_penilai: bool


@dataclass(frozen=True)
class RHKCardAction:
    key: str
    label: Any  # a lazy translation
    url: Callable[[RHKCard], str]
    visible: Callable[[RHKCard], bool]


@dataclass(frozen=True)
class RHKCardLink:
    """An action as the card renders it."""

    label: Any
    url: str


_rhk_card_actions: dict[str, RHKCardAction] = {}


def register_rhk_card_action(action: RHKCardAction) -> RHKCardAction:
    """Register `action` under its key (again: replaced, not doubled). Returns it."""
    _rhk_card_actions[action.key] = action
    return action


def rhk_card_actions() -> tuple[RHKCardAction, ...]:
    return tuple(_rhk_card_actions.values())


def rhk_card_links(card: RHKCard) -> list[RHKCardLink]:
    """The actions visible on `card`, in registration order."""
    return [
        RHKCardLink(action.label, action.url(card))
        for action in tuple(_rhk_card_actions.values())
        if action.visible(card)
    ]
