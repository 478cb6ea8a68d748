"""Writes for the appraisal, one module per concern (CONVENTIONS "services"); callers
import the module they need, this package re-exports nothing:

- `periode`: opening a period and creating its evaluations (in the background), closing
  and reopening it;
- `tahunan`: the annual evaluation and the admin's "sinkronkan" of a period;
- `realisasi`: the person's realisasi per IKI;
- `penilaian`: the penilai's rating, feedback per RHK and per BerAKHLAK value;
- `penetapan`: the organisation predikat, penetapan and its reopening;
- `aturan`: the agency's rule set of a year;
- `tindak_lanjut`: the follow-up records of a person;
- `siasn`: the SIASN reference data (golongan, koefisienId, person ids)."""
