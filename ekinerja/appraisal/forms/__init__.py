"""The appraisal's forms, one module per page family (views/<same name>.py): `evaluasi`
(the realisasi of one IKI), `penilaian` (the inline and full rating), `unit` (the
organisation predikat, reopening a penetapan), `admin` (opening a period, the rule set of
a year, tindak lanjut) and `siasn` (the SIASN reference tables and their import)."""
