"""Phone check-in location checks (issue 13 §4): the great-circle distance, whether a
position lies inside any of a unit's geofence circles (and how far from the nearest),
a position whose reported accuracy is too poor, and impossible travel between two
punches. The check runs on the server with the browser's reported position; the
decision is centre distance against radius, the accuracy only raises a flag.

Distances are floats in metres: they are measurements, not money; messages round them
to whole metres.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ekinerja.core.msg import Msg, _

# IUGG mean Earth radius; haversine on a sphere errs by < 0.5% against the ellipsoid,
# far below a geofence radius.
EARTH_RADIUS_M = 6_371_008.8


def _check(lat: float, lon: float) -> None:
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or math.isnan(lat + lon):
        raise ValueError(f"not a position: {lat}, {lon}")


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in metres between two WGS 84 positions (degrees)."""
    _check(lat1, lon1)
    _check(lat2, lon2)
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Circle:
    """One geofence point of a unit: a centre and a radius in metres (issue 13 §4)."""

    lat: float
    lon: float
    radius_m: float
    name: str = ""

    def __post_init__(self) -> None:
        _check(self.lat, self.lon)
        if not self.radius_m > 0:
            raise ValueError("a geofence radius must be positive")


DEFAULT_MAX_ACCURACY_M = 100.0


@dataclass(frozen=True)
class GeofenceCheck:
    """The position against a unit's circles: `inside` any; `nearest` is the circle
    whose edge is closest (the one to walk to), `distance_m` the distance to its centre
    and `outside_by_m` how far beyond its edge (0 inside); `low_accuracy` when the
    reported accuracy is worse than the threshold."""

    inside: bool
    nearest: Circle | None
    distance_m: float | None
    outside_by_m: float | None
    low_accuracy: bool

    def explain(self) -> Msg:
        if self.nearest is None or self.distance_m is None:
            return _("Unit kerja ini belum punya titik lokasi absen.")
        if self.inside:
            return _(
                "Di dalam area absen %(titik)s (%(jarak)s m dari titik).",
                titik=self.nearest.name,
                jarak=round(self.distance_m),
            )
        return _(
            "Di luar area absen: %(jarak)s m dari %(titik)s, batasnya %(radius)s m.",
            jarak=round(self.distance_m),
            titik=self.nearest.name,
            radius=round(self.nearest.radius_m),
        )


def check_geofence(
    lat: float,
    lon: float,
    circles: Sequence[Circle],
    *,
    accuracy_m: float | None = None,
    max_accuracy_m: float = DEFAULT_MAX_ACCURACY_M,
) -> GeofenceCheck:
    """Whether a check-in position is inside any circle (distance to its centre at most
    its radius; the boundary counts as inside). No accuracy, or one worse than
    `max_accuracy_m`, is flagged low for the supervisor, not refused (issue 13 §4). No
    circle: never inside."""
    _check(lat, lon)
    low = accuracy_m is None or accuracy_m > max_accuracy_m
    if not circles:
        return GeofenceCheck(False, None, None, None, low)
    scored = [(distance_m(lat, lon, c.lat, c.lon), c) for c in circles]
    d, nearest = min(scored, key=lambda dc: dc[0] - dc[1].radius_m)
    outside_by = max(0.0, d - nearest.radius_m)
    return GeofenceCheck(outside_by == 0.0, nearest, d, outside_by, low)


# --- impossible travel (issue 13 §4) ------------------------------------------------------

DEFAULT_MAX_SPEED_KMH = 500.0


@dataclass(frozen=True)
class GeoPunch:
    """Where and when a phone punch was made, with the reported accuracy (metres)."""

    at: dt.datetime
    lat: float
    lon: float
    accuracy_m: float = 0.0


@dataclass(frozen=True)
class Travel:
    """Two punches apart: the distance (less both accuracies, never below 0), the
    time, the speed that implies, and whether it is faster than allowed."""

    distance_m: float
    seconds: float
    speed_kmh: float
    impossible: bool

    def explain(self) -> Msg:
        return _(
            "Dua absen berjarak %(km)s km dalam %(menit)s menit (%(kmh)s km/jam).",
            km=round(self.distance_m / 1000, 1),
            menit=round(self.seconds / 60),
            kmh=round(self.speed_kmh),
        )


def travel(a: GeoPunch, b: GeoPunch, *, max_speed_kmh: float = DEFAULT_MAX_SPEED_KMH) -> Travel:
    """Impossible travel between two punches (issue 13 §4): the distance less both
    reported accuracies (so GPS noise alone never flags), over the time between them;
    faster than `max_speed_kmh` (default 500 km/h: an airliner's door-to-door pace) is
    flagged for the supervisor. Any real distance in no time at all is impossible."""
    raw = distance_m(a.lat, a.lon, b.lat, b.lon)
    d = max(0.0, raw - a.accuracy_m - b.accuracy_m)
    seconds = abs((b.at - a.at).total_seconds())
    if seconds == 0:
        return Travel(d, 0.0, math.inf if d > 0 else 0.0, d > 0)
    speed = d / seconds * 3.6
    return Travel(d, seconds, speed, speed > max_speed_kmh)
