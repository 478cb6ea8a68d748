"""Shapes of the REST API, one module per area (as views/); callers import the module,
nothing is re-exported here:

- `auth`: tokens, the caller (`/me/`), and the error body every view documents;
- `plans`: periods, SKP, RHK, IKI, expectations, lampiran, the queue;
- `execution`: activities, evidence, rencana aksi, verification, summaries, feedback
  and coaching;
- `appraisal`: evaluation periods, evaluations, ratings, the curve, predikat
  organisasi, penetapan, the SIASN export.

No rule lives in a serializer: the services decide, and their messages come back
unchanged (exceptions.py).
"""
