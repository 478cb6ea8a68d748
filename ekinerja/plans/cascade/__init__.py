"""Reads for the planning reports: the cascade tree with its gaps, SKP completeness per
unit, and the team matrix (Matriks Peran Hasil). Reads only.

Every function takes the actor and checks the reporting right itself
(`require_report_access`), so the pages and the benchmark call the same plain functions
(`cascade_tree(actor=, periode=, unit=)`, `completeness(...)`, `team_matrix(...)`).

Which SKP count (PermenPANRB 6/2022 Pasal 5; spec rules §8): for each chain of versions
(SKP.sebelumnya) the one in force, "approved-or-first": a version is left out once a
newer version of it is approved, and a revision that is not approved yet is left out while
the approved version it revises is still in force. The rule is plans.selectors'
read contract (`skp_in_force_q`, `latest_skp`), not written here.

Query budget: the tree is built in Python from a fixed number of flat queries (none
correlated per row); completeness is two grouped queries; whatever the size of the
instansi, the number of queries does not grow.

Modules (nothing is re-exported here; callers import from the module): `common`
(access, the scope's SKP in force, vocabulary), `tree` (the cascade tree; its bounds for drawing,
TREE_MAX_NODES, ROOTS_PER_PAGE, …), `export` (the tree's rows for the XLSX export),
`staff` (staff without an approved SKP), `completeness`, `matrix`.
"""
