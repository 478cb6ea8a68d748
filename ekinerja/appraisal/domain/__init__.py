"""Pure rules of the appraisal (spec rules §1–§5, §13), one module per concern; callers
import the module they need, this package re-exports nothing:

- `ratings`: the ratings, the predikat matrix, the organisation predikat, the unit head's
  rating hasil kerja and what is wrong with a penilai's ratings (rules §1, §2);
- `achievement`: capaian, a realisasi worth a second look, and the suggested rating
  hasil kerja (rules §1, §3);
- `distribution`: the distribution curve, whether any rating of a small unit can
  satisfy it, and which curve covers a person (rules §2);
- `penetapan`: every reason a unit's penetapan is refused — the one place the curve is
  enforced (rules §1, §2);
- `evaluation`: evaluation periods and statuses, the annual predikat and when an
  evaluation can no longer change (rules §4);
- `ruleset`: the rule set of a year as data (rules §1, §2 configurable);
- `angka_kredit`: angka kredit (rules §5);
- `siasn`: SIASN's codes (rules §13).

No ORM, no request, no clock. Rules that vary by agency (curve, thresholds, mappings)
are data: frozen dataclasses with the spec's defaults, which the versioned rule set of a
year overrides (`ruleset.Aturan`).
"""
