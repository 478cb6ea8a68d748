"""Reads for the appraisal, one module per page family; callers import the module they
need, this package re-exports nothing:

- `evaluasi`: what one evaluation shows (RHK, IKI, capaian, evidence, feedback);
- `penilaian`: the penilai's list grouped by curve, and the preview of a rating;
- `kurva`: the distribution curve of a unit (rule set in force, counts, status);
- `unit`: the organisation pages (units, people, penetapan history and refusals);
- `laporan`: the instansi-wide reports (angka kredit, rater analytics, fill rate);
- `siasn`: the rated evaluations of a period with their SIASN reference ids;
- `final`: the final predikat per person and period, after penetapan: the read contract
  the apps after appraisal use (docs/architecture.md, "Read contracts")."""
