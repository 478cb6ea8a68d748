"""Haversine distance, geofence circles, accuracy and impossible travel (issue 13 §4;
no database)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from ekinerja.attendance.domain import geofence as g

# One degree of latitude on the IUGG mean sphere.
DEGREE_M = g.EARTH_RADIUS_M * math.pi / 180
OFFICE = (-6.2, 106.8)


def north(metres: float, base: tuple[float, float] = OFFICE) -> tuple[float, float]:
    return base[0] + metres / DEGREE_M, base[1]


@pytest.mark.parametrize(
    "a, b, metres",
    [
        pytest.param(OFFICE, OFFICE, 0.0, id="same-point"),
        pytest.param((0.0, 0.0), (1.0, 0.0), DEGREE_M, id="one-degree-latitude"),
        pytest.param((0.0, 0.0), (0.0, 1.0), DEGREE_M, id="one-degree-longitude-at-equator"),
        pytest.param((0.0, 179.5), (0.0, -179.5), DEGREE_M, id="across-antimeridian"),
        pytest.param((90.0, 0.0), (-90.0, 0.0), math.pi * g.EARTH_RADIUS_M, id="pole-to-pole"),
    ],
)
def test_distance(a, b, metres):
    assert g.distance_m(*a, *b) == pytest.approx(metres, abs=1e-6)
    assert g.distance_m(*b, *a) == pytest.approx(metres, abs=1e-6)


def test_distance_jakarta_surabaya_is_about_660_km():
    assert g.distance_m(-6.2088, 106.8456, -7.2575, 112.7521) == pytest.approx(663_000, rel=0.01)


@pytest.mark.parametrize(
    "lat, lon",
    [(91.0, 0.0), (-90.1, 0.0), (0.0, 180.5), (0.0, -181.0), (math.nan, 0.0)],
    ids=["lat-over-90", "lat-under-minus-90", "lon-over-180", "lon-under-minus-180", "nan"],
)
def test_a_position_out_of_range_is_refused(lat, lon):
    with pytest.raises(ValueError):
        g.distance_m(lat, lon, 0.0, 0.0)
    with pytest.raises(ValueError):
        g.check_geofence(lat, lon, [g.Circle(*OFFICE, 100)])


@pytest.mark.parametrize("radius", [0, -5])
def test_a_circle_needs_a_positive_radius(radius):
    with pytest.raises(ValueError):
        g.Circle(*OFFICE, radius)


KANTOR = g.Circle(*OFFICE, 100, "Kantor Dinas")
GUDANG = g.Circle(*north(1000), 500, "Gudang")


@pytest.mark.parametrize(
    "position, accuracy, inside, nearest, outside_by, low",
    [
        pytest.param(OFFICE, 10, True, KANTOR, 0, False, id="at-the-centre"),
        pytest.param(north(99.9), 10, True, KANTOR, 0, False, id="just-inside"),
        pytest.param(north(100.5), 10, False, KANTOR, 0.5, False, id="just-outside"),
        pytest.param(north(-350), 10, False, KANTOR, 250, False, id="outside-south"),
        pytest.param(north(600), 10, True, GUDANG, 0, False, id="inside-second-point"),
        pytest.param(north(320), 10, False, GUDANG, 180, False, id="nearest-edge-not-centre"),
        pytest.param(OFFICE, 100, True, KANTOR, 0, False, id="accuracy-at-threshold"),
        pytest.param(OFFICE, 100.1, True, KANTOR, 0, True, id="low-accuracy-flag"),
        pytest.param(OFFICE, None, True, KANTOR, 0, True, id="no-accuracy-flag"),
        pytest.param(north(150), 500, False, KANTOR, 50, True, id="poor-accuracy-never-admits"),
    ],
)
def test_geofence(position, accuracy, inside, nearest, outside_by, low):
    lat, lon = position
    got = g.check_geofence(lat, lon, [KANTOR, GUDANG], accuracy_m=accuracy)
    assert (got.inside, got.nearest, got.low_accuracy) == (inside, nearest, low)
    assert got.outside_by_m == pytest.approx(outside_by, abs=0.01)
    expected_msgid = (
        "Di dalam area absen %(titik)s (%(jarak)s m dari titik)."
        if inside
        else "Di luar area absen: %(jarak)s m dari %(titik)s, batasnya %(radius)s m."
    )
    assert got.explain().msgid == expected_msgid


def test_refusal_gives_the_distance_in_whole_metres():
    got = g.check_geofence(*north(-350), [KANTOR], accuracy_m=5)
    assert got.explain().params == {"jarak": 350, "titik": "Kantor Dinas", "radius": 100}


def test_accuracy_threshold_is_data():
    got = g.check_geofence(*OFFICE, [KANTOR], accuracy_m=30, max_accuracy_m=20)
    assert got.low_accuracy


def test_a_unit_without_points_admits_no_one():
    got = g.check_geofence(*OFFICE, [], accuracy_m=5)
    assert (got.inside, got.nearest, got.distance_m) == (False, None, None)
    assert got.explain().msgid == "Unit kerja ini belum punya titik lokasi absen."


T0 = dt.datetime(2025, 1, 6, 7, 30, tzinfo=dt.UTC)


def gp(minutes: float, metres_north: float, accuracy: float = 0.0) -> g.GeoPunch:
    lat, lon = north(metres_north)
    return g.GeoPunch(T0 + dt.timedelta(minutes=minutes), lat, lon, accuracy)


@pytest.mark.parametrize(
    "a, b, impossible, speed",
    [
        pytest.param(gp(0, 0), gp(1, 10_000), True, 600, id="10-km-in-a-minute"),
        pytest.param(gp(0, 0), gp(2, 10_000), False, 300, id="10-km-in-two-minutes"),
        pytest.param(gp(0, 0), gp(60, 500_000), False, 500, id="exactly-the-limit"),
        pytest.param(gp(0, 0), gp(60, 500_100), True, 500.1, id="just-over-the-limit"),
        pytest.param(gp(0, 0, 600), gp(1, 1_000, 600), False, 0, id="within-gps-noise"),
        pytest.param(gp(1, 10_000), gp(0, 0), True, 600, id="order-does-not-matter"),
        pytest.param(gp(0, 0), gp(0, 50), True, math.inf, id="same-instant-elsewhere"),
        pytest.param(gp(0, 0), gp(0, 0), False, 0, id="same-instant-same-place"),
    ],
)
def test_impossible_travel(a, b, impossible, speed):
    got = g.travel(a, b)
    assert got.impossible is impossible
    assert got.speed_kmh == pytest.approx(speed, rel=1e-6)


def test_speed_limit_is_data():
    assert g.travel(gp(0, 0), gp(2, 10_000), max_speed_kmh=200).impossible
    got = g.travel(gp(0, 0), gp(30, 20_000))
    assert got.explain().params == {"km": 20.0, "menit": 30, "kmh": 40}
