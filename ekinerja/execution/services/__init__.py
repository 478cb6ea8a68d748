"""Writes of execution and coaching, one module per concern; import from the module
(`from ekinerja.execution.services import aktivitas as services`). Every function is
keyword-only, takes the acting `actor`, runs in one transaction, writes an audit event
and raises ValidationError / PermissionDenied with a message the user can act on.

aktivitas     the daily activity log: create, update, delete, "copy yesterday", flags
bukti         evidence: a file or a link on an activity, a rencana aksi or an RHK
pengaturan    the agency's execution settings (upload limit, anomaly thresholds)
pengingat     the Admin Instansi's reminders: create, change, delete, send now
rencana       rencana aksi: plan, change, delete, the penilai's note; moving all that
              hangs on one RHK to another of the same SKP
umpan_balik   feedback threads, replies and coaching notes
verifikasi    verify or reject a subordinate's activities, one or many
"""
