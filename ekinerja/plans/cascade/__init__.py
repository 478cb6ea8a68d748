"""Reads for the planning reports: the cascade tree with its gaps, SKP completeness per
unit, and the team matrix (Matriks Peran Hasil). Reads only.

Every function takes the actor and checks the reporting right itself
(`require_report_access`), so the pages and the benchmark call the same plain functions
(`cascade_tree(actor=, periode=, unit=)`, `completeness(...)`, `team_matrix(...)`).

Which SKP count (PermenPANRB 6/2022 Pasal 5; spec rules §8): for each chain of versions
(SKP.sebelumnya) the one in force, "approved-or-latest": a version is left out once a
newer version of it is approved, and a revision that is not approved yet is left out while
the approved version it revises is still in force (`current_skp`).

Query budget: the tree is built in Python from a fixed number of flat queries (none
correlated per row); completeness is two grouped queries; whatever the size of the
instansi, the number of queries does not grow.

Modules: `common` (access, versions in force, vocabulary), `tree`, `completeness`,
`matrix`. Bounds for drawing live in `tree` (TREE_MAX_NODES, ROOTS_PER_PAGE, …).
"""

from .common import (
    COMPLETENESS_KEYS,
    GAP_ANY,
    GAP_CHOICES,
    GAP_NO_IKI,
    GAP_NO_SKP,
    GAP_UNSUPPORTED,
    MISSING,
    current_skp,
    gap_label,
    latest_skp,
    report_unit,
    require_report_access,
    status_css,
    status_label,
)
from .completeness import Completeness, CompletenessRow, completeness, completeness_sorted
from .matrix import MatrixCell, MatrixColumn, MatrixRow, TeamMatrix, team_matrix
from .tree import (
    CascadeFilters,
    CascadeTree,
    ExportRow,
    Node,
    Owner,
    ParentRef,
    Summary,
    cascade_rows,
    cascade_tree,
    staff_without_approved_skp,
)

__all__ = [
    "COMPLETENESS_KEYS",
    "GAP_ANY",
    "GAP_CHOICES",
    "GAP_NO_IKI",
    "GAP_NO_SKP",
    "GAP_UNSUPPORTED",
    "MISSING",
    "CascadeFilters",
    "CascadeTree",
    "Completeness",
    "CompletenessRow",
    "ExportRow",
    "MatrixCell",
    "MatrixColumn",
    "MatrixRow",
    "Node",
    "Owner",
    "ParentRef",
    "Summary",
    "TeamMatrix",
    "cascade_rows",
    "cascade_tree",
    "completeness",
    "completeness_sorted",
    "current_skp",
    "gap_label",
    "latest_skp",
    "report_unit",
    "require_report_access",
    "staff_without_approved_skp",
    "status_css",
    "status_label",
    "team_matrix",
]
