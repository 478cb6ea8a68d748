"""Reads of execution and coaching, one module per concern; import from the module
(`from ekinerja.execution.selectors import aktivitas as sel`, or
`from ekinerja.execution.selectors.pengaturan import pengaturan`).

aktivitas     the RHK and rencana aksi an activity may serve, a pegawai's days and weeks
bukti         evidence of an activity, a rencana aksi or an RHK, and its target
pengaturan    the agency's execution settings, or the defaults
pengingat     the reminders page and a reminder's recipients
per_rhk       verified work and evidence per RHK and period: the read contract other apps
              use (docs/architecture.md, "Read contracts")
rencana       a pegawai's rencana aksi of a year, grouped by SKP, RHK and period
ringkasan     the monthly summary per person and per RHK
umpan_balik   feedback threads and coaching notes; what the appraisal reads of them
verifikasi    the supervisor's queue and one person's month as their readers see it
"""
