"""Reads for the appraisal, one module per page family."""
