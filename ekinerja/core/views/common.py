"""What core's pages share: the reader's time zone and its short name."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from ..http import ActorRequest


def reader_zone(request: ActorRequest) -> tuple[ZoneInfo, str]:
    """The instansi's time zone and its short name (WIB/WITA/WIT)."""
    instansi = request.user.instansi
    tz_name = instansi.zona_waktu if instansi else "Asia/Jakarta"
    label = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
        tz_name, tz_name
    )
    return ZoneInfo(tz_name), label
