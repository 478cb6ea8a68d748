"""Writes of attendance, one module per concern; import from the module
(`from ekinerja.attendance.services import mesin as services`). Every function the
pages call is keyword-only, takes the acting `actor` (the Admin Instansi for settings,
devices, imports and locks), runs in one transaction, writes an audit event and raises
ValidationError / PermissionDenied with an Indonesian message; nothing is half-written.

adms      the ADMS push: a device's heartbeat and its ATTLOG lines, by registered serial
berkas    reading punch files line by line: attlog, CSV, XLSX
harian    the daily status: computed with its inputs and stored, in batches; what a
          punch, a holiday or a schedule change recomputes
impor     punch file import: preview, commit (chunks of 5,000), queue, cancel
jadwal    working-time versions, the Ramadan period, shifts, the roster
kunci     the month lock and its reopening with a reason
libur     national holidays from the `holidays` package, cuti bersama, local holidays
mesin     devices, PIN mapping, and giving held punches their person
presensi  storing a device's raw punches: PINs, clock flags, the unique key
"""
