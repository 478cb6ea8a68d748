"""Writes of organisation and people, one module per concern; callers import the module
that defines what they need (nothing is re-exported here). Each write: authorise →
validate → save → audit event, in one transaction; refusals are ValidationError or
PermissionDenied with a message the user can act on.

instansi      a new agency, with its first Admin Instansi (platform admin)
units         the unit tree: create, change, move a subtree
jabatan       positions: create, change (no loop in the chart)
pegawai       people: create with their login and first position, change their data
riwayat       position holdings: assign (definitif, Plt, Plh), end
supervisors   the derived pejabat penilai (`supervisors_recompute`) and an admin's override
roles         explicit roles: assign, revoke
siasn         SIASN person ids, many at once
validation    identity and position checks shared with the forms and the imports
"""
