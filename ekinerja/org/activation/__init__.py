"""Activating staff accounts, as agencies do it: the Admin Instansi (or a Pengelola
Kinerja for the units they run) issues one-time codes to people one by one or for a
whole unit; each code is shown once, printed in an activation letter (PDF) or emailed
where the person has an address (core.activation does the codes themselves). One
module per concern; callers import the module that defines what they need (nothing is
re-exported here):

scope      who may issue for whom (IssuerScope, refusals, access_pegawai)
status     each person's account status, for the issuing list
letters    the activation letter, and printing letters again
issuing    issuing codes by letter or email, for people or a whole unit
platform   the platform admin and an agency's Admin Instansi and Auditors
"""
