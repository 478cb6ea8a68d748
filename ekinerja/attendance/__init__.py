"""Attendance and leave (issue 13, spec rules §9): working time per instansi, holidays,
fingerprint devices and phone check-in, cuti, the daily status and its monthly recap.

It depends on `org` and `core` only. The pure rules are in `domain/` (no ORM, no clock);
the coordinator adds the Django app (models, services, views) around them.
"""
