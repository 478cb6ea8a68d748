"""Explicit hooks through which apps further down the dependency chain react to an org
change inside the same transaction.

Why this exists: a position change mid-year must close the SKP of the old position and
open one for the new position (rules §4: one SKP per position held in the year). The org
service records the change, but org must not import plans (dependencies point one way,
`core ← org ← plans`, CONVENTIONS.md). So plans registers a listener here when it starts
(`PlansConfig.ready()`) and the org service calls `position_changed` after its own
writes.

Why not Django signals: CONVENTIONS.md keeps logic out of signals. This registry is the
same idea made explicit and small: one named event, listeners registered in one known
place, called synchronously in registration order inside the caller's transaction. A
listener that raises (e.g. a ValidationError for an SKP that cannot be closed) rolls
the whole position change back, so the org chart and the SKP never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ekinerja.core.roles import Actor


@dataclass(frozen=True)
class PositionChange:
    """A person's definitive position changed from `tmt` (the first day in the new one)."""

    actor: Actor
    instansi_id: int
    pegawai_id: int
    old_jabatan_id: int | None
    new_jabatan_id: int
    tmt: dt.date


PositionListener = Callable[[PositionChange], None]

_position_listeners: list[PositionListener] = []


def on_position_changed(listener: PositionListener) -> PositionListener:
    """Register `listener` once (registering it again is a no-op, so that a repeated
    `AppConfig.ready()` does not run it twice). Returns it, so it works as a decorator."""
    if listener not in _position_listeners:
        _position_listeners.append(listener)
    return listener


def position_listeners() -> tuple[PositionListener, ...]:
    return tuple(_position_listeners)


def position_changed(change: PositionChange) -> None:
    """Call every listener, in registration order. Must be called inside the
    transaction of the change; exceptions propagate to the caller."""
    for listener in tuple(_position_listeners):
        listener(change)
