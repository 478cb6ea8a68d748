"""Pages of the organisation app, one module per concern; ../urls.py names each view by
its module (nothing is re-exported here):

- `dashboard`: the app's landing page;
- `instansi`: the platform admin's list of agencies and a new agency;
- `units`: the unit tree, one unit, the unit form;
- `jabatan`: positions: the list, one position, the position form;
- `pegawai`: staff: the list, one person, adding a person and changing their data;
- `assignments`: a person's position (definitif, Plt, Plh) and its end, the pejabat
  penilai, roles;
- `pickers`: the HTMX position and staff pickers, the NIP read while it is typed;
- `imports`: importing units, positions and staff, the sample files, the exports;
- `activation`: issuing account activation codes and letters, and the platform admin's
  page of an agency's admins and auditors;
- `common`: what the pages share (paging, unit choices).

Every view: parse → access (org.access) → service/selector → render the full page, or
the results partial when the request comes from HTMX. Writes are POST-redirect-GET with a
success message; a service's ValidationError is shown on the form, never as a 500.
"""
