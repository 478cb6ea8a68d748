"""Importing units, positions and staff from CSV/XLSX files: upload → parse → check
against the database → preview (an ImportBatch) → commit all or nothing. One module per
concern; callers import the module that defines what they need (nothing is re-exported
here). Users' documentation: docs/import.md.

columns   the columns of each kind of file (shared with the exports)
reading   the bytes of an upload into rows of cells (CSV, XLSX)
rules     pure cell, header and row rules; loops in a parent map
plan      what a file would do, row by row, and the helpers the kinds share
units     checking and writing units
jabatan   checking and writing positions
pegawai   checking and writing staff
batches   the actions the pages call: prepare (preview), commit, queue, cancel
"""
