"""Pure rules of attendance and leave (spec rules §9), one module per concern; callers
import the module they need, this package re-exports nothing:

- `schedule`: weekly patterns (Perpres 21/2023 default, Ramadan, six-day units), shifts
  across midnight, holidays, versions by effective date, and the scheduled day;
- `punches`: verify states, which attendance day a punch belongs to (a shift's start
  date), duplicates within a minute, first check-in and last check-out;
- `bands`: late and early-leave minutes, TL1–TL4 / PSW1–PSW4 and the deduction tables
  (presets A and B), a month's capped deduction with a line per charged day;
- `daily`: the status of a person's day (hadir with TL/PSW, TK, cuti, DL, libur) from
  schedule, punches, leave, DL, hour permits and corrections, with its explanation;
- `attlog`: ZKTeco attlog lines and ADMS push bodies as device punches with their raw
  line, bad lines by number, and device clock anomalies;
- `geofence`: haversine distance, a position against a unit's circles, low accuracy,
  impossible travel between two punches;
- `leave`: cuti kinds for PNS and PPPK as data, counting in working days, request
  errors, and the cuti tahunan ledger (allocation, use, carry-over, expiry, recount);
- `discipline`: a year's TK days and consecutive TK runs against PP 94/2021, as a
  recommendation for the BKPSDM.

No ORM, no request, no clock: time is passed in, and datetimes are aware in the
instansi's zone (WIB, WITA, WIT). Rules that vary by agency (patterns, deduction tables,
leave kinds, thresholds) are frozen dataclasses with the spec's defaults, which the
service replaces with the agency's versioned data. Messages for users are
`ekinerja.core.msg.Msg`: stored with the result and translated when shown.
"""
