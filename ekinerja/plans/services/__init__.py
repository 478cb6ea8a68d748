"""Writes for performance planning (SKP), one module per concern; callers import the
module they need (`from ekinerja.plans.services import workflow`), nothing is re-exported:

- `periode`: the performance years of an instansi (Admin Instansi);
- `creation`: creating an SKP, with the header snapshot (`identitas`);
- `editing`: the owner's RHK, IKI and lampiran, the penilai's expectations;
- `workflow`: submit, return, approve, revise, the penilai's bulk queue;
- `copying`: from an earlier SKP; the split on a position change;
- `templates`: SKP templates per jabatan, and starting an SKP from one;
- `removal`: refusing to delete what other apps have attached (plans.hooks);
- `common`: field errors, not-found, dates in messages.
"""
