"""Forms of the organisation pages, one module per concern (views/<same name>.py uses
it); callers import the module that defines what they need (nothing is re-exported
here). They parse and check input shape; the rules live in the services, whose
ValidationError is attached back to the form by `core.formtools.add_service_errors`.

filters       the staff list's and the positions list's filters
instansi      a new agency with its first Admin Instansi (platform admin)
units         a unit
jabatan       a position; `jabatan_by_kode`
pegawai       a person's data, with the NIP read while typed (`nip_feedback`)
assignments   a position, its end, the pejabat penilai, roles
activation    the account activation list's filters, issuing for a unit
imports       the import upload
"""
