"""Pages of execution and coaching, one module per concern; thin views over the
services (writes), selectors (reads) and access gates. Every route is in ../urls.py.

aktivitas     the pegawai's activity log: list, week, create, copy, detail, edit, delete
bukti         evidence upload, download and delete, an RHK's evidence, the settings page
pengingat     the Admin Instansi's reminders
rencana       rencana aksi: list, create, move, edit, delete, the penilai's note
ringkasan     the monthly summaries (team and one pegawai) and their XLSX export
umpan_balik   feedback threads and coaching notes
verifikasi    the supervisor's queue, bulk decisions, rejection, one person's log
"""
