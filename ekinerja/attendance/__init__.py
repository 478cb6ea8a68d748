"""Attendance and leave (issue 13, spec rules §9): working time per instansi, holidays,
fingerprint devices and phone check-in, cuti, the daily status and its monthly recap.

It depends on `org` and `core` only. Modules:

- `domain/`: the pure rules (no ORM, no clock), one module per concern;
- `models`: the data, one migration for the whole schema;
- `services/`: the writes (working time, holidays, devices and PINs, punch imports,
  the ADMS push, the daily status, the month lock);
- `selectors/`: the reads (settings lists, devices, the holding list, a person's month,
  the locked month the TPP reads, the day-status provider for execution);
- `access`: the gate for every attendance row by id;
- `tasks`: the background commit of a large punch file;
- `audit_labels`: how the audit trail names what attendance writes.
"""
