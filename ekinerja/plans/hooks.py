"""Explicit hooks through which apps further down the dependency chain react to a plans
change inside the same transaction (the same idea as org/hooks.py).

SKP approved. An SKP approved after its evaluation period was opened needs its
evaluation in that period (rules §4), but plans must not import appraisal
(`plans ← execution ← appraisal`, CONVENTIONS.md). So appraisal registers a listener
here when it starts (`AppraisalConfig.ready()`), and the SKP workflow calls
`skp_approved` after its own writes, inside its transaction: a listener that raises
rolls the approval back, so an approved SKP and its evaluations never disagree.

Why not Django signals: CONVENTIONS.md keeps logic out of signals. This registry is
small and explicit: one named event, listeners registered in one known place, called
synchronously in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ekinerja.core.roles import Actor

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


def register_skp_approved(listener: SkpApprovedListener) -> SkpApprovedListener:
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
