"""The REST adapter's views, one module per area; urls.py names each view by its module
(nothing is re-exported here): `auth` (tokens, the caller), `plans` (SKP), `execution`
(activities, evidence, rencana aksi, verification, the summary), `coaching` (feedback
threads, coaching notes), `appraisal` (evaluations, the curve, penetapan, SIASN), `docs`
(the Swagger UI page); `base` is what they share (language, actor, parsing a request).
"""
