"""The day-status hook (core.hooks): attendance answers, execution asks, neither
imports the other."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.core import hooks

D1, D2, D3 = dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 4)


@pytest.fixture
def providers(monkeypatch):
    monkeypatch.setattr(hooks, "_day_status_providers", [])


def test_without_a_provider_every_day_is_a_working_day(providers):
    assert hooks.day_status(instansi_id=1, pegawai_id=2, dates=[D1, D2]) == {}


def test_providers_answer_for_all_dates_at_once_and_a_holiday_wins(providers):
    asked = []

    def leave(instansi_id, pegawai_id, dates):
        asked.append((instansi_id, pegawai_id, dates))
        return {D1: hooks.HARI_CUTI, D2: hooks.HARI_CUTI}

    def holidays(instansi_id, pegawai_id, dates):
        return {D2: hooks.HARI_LIBUR}

    assert hooks.register_day_status(leave) is leave
    hooks.register_day_status(holidays)
    hooks.register_day_status(leave)  # a repeated ready(): no-op
    assert hooks.day_status_providers() == (leave, holidays)
    status = hooks.day_status(instansi_id=1, pegawai_id=2, dates=[D3, D1, D2, D1])
    assert status == {D1: hooks.HARI_CUTI, D2: hooks.HARI_LIBUR}
    assert asked == [(1, 2, [D1, D2, D3])]
    hooks.unregister_day_status(holidays)
    assert hooks.day_status(instansi_id=1, pegawai_id=2, dates=[D2])[D2] == hooks.HARI_CUTI
    assert hooks.day_status(instansi_id=1, pegawai_id=2, dates=[]) == {}
