"""Reads of attendance, one module per concern; import from the module
(`from ekinerja.attendance.selectors.harian import locked_month`).

harian   a person's month with explanations; the locked month per person (the TPP's
         read contract); the day-status provider for execution's anomaly flags
jadwal   working time as the rules read it (patterns, versions, Ramadan, holidays,
         roster, loaded once for a range of days) and the settings lists
kunci    month locks in force over some days, and the lock history
libur    the holidays of a year
mesin    devices with online/offline, the PIN table, the holding list of unknown
         PINs, the punch imports
"""
