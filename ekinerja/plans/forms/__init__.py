"""Forms of the planning pages, one module per concern; callers import the module they
need, nothing is re-exported here. They parse and check the shape of the input; the
rules (which RHK may be intervened, what a valid target is, who may act when) live in
the services, whose errors are attached back to the form by
`core.formtools.add_service_errors`.

- `skp`: creating an SKP, the reason for returning one;
- `content`: RHK, IKI and their targets, BerAKHLAK expectations, lampiran;
- `queue`: the penilai's bulk approve / return;
- `periode`: a performance year;
- `templates`: SKP templates per jabatan, and choosing the SKP to copy from;
- `common`: the date widget, `radio`.
"""
