"""The planning pages, one module per concern; urls.py names each view by its module
(nothing is re-exported here):

- `skp`: SKP saya, creating one, the SKP page and its workflow (submit, approve,
  return, revise);
- `content`: the SKP page's inline editors (RHK, IKI, expectations, lampiran);
- `queue`: the penilai's queue, with bulk approve / return;
- `periode`: the performance years (Admin Instansi);
- `reports`: the cascade, completeness, the team matrix, the SKP PDF and their exports;
- `templates`: SKP templates per jabatan, and starting an SKP from an earlier one or a
  template;
- `common`: what the SKP page's views share (its context, form errors, targets as text).

Every view: parse → access (plans.access) → service/selector → render the full page, or
the partial when the request comes from HTMX. Writes are POST-redirect-GET; a service's
ValidationError or PermissionDenied is shown on the form and nothing is written.
"""
