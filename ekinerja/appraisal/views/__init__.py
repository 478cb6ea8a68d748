"""The appraisal's pages, one module per concern (routes in ../urls.py): `evaluasi` (my
evaluations, one evaluation, saving a realisasi), `penilaian` (the penilai's list, preview
and rating form), `unit` (units and their curve, the organisation predikat, penetapan and
its reopening), `admin` (periods, the rule set of a year, tindak lanjut), `dokumen` (the
evaluation documents as PDF), `laporan` (reports and exports) and `siasn` (the SIASN
reference tables)."""
