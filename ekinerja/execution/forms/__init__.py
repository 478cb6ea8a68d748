"""Forms of execution and coaching, one module per concern; import from the module
(`forms.aktivitas`, `forms.bukti`, …). They parse the shape of the input; the rules live
in the services, whose refusals are attached back to the form.

aktivitas     the activity log entry, the rencana aksi and the penilai's note on it
bukti         evidence uploads and links, the agency's execution settings
pengingat     the Admin Instansi's reminders, with ready-made presets
umpan_balik   feedback threads, replies and coaching notes
verifikasi    the verification queue's filters and decisions, the monthly-summary month
"""
