"""Demo data: a believable regency, "Pemerintah Kabupaten Contoh", of any size
(`manage.py seed_demo`), in two steps so that the data can be checked without a
database: `demo.build_plan(n_pegawai, seed)` is pure Python (the unit tree, positions,
people with NIPs consistent with birth date, gender and golongan, rules §6 §12, position
history, acting heads, one explicit penilai, the demo roles), and
`writing.write_plan(plan)` inserts it in one transaction; every login shares one demo
password, hashed once. One module per concern; callers import the module that defines
what they need (nothing is re-exported here):

demo         build_plan, seed_demo, demo_instansi: the entry points
plan         the plan's plain-data shapes (UnitSpec, JabatanSpec, PegawaiSpec, …)
structure    the unit tree and its positions
people       the people, their history, roles and supervisors
vocabulary   the regency's words and numbers
writing      inserting a plan fast (reserve_ids, Inserter, write_plan), also used by the
             other apps' demo data
logins       the shared password, the demo's known positions, holder, demo_accounts
"""
