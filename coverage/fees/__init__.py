"""Allowed amounts from real fee schedules: a visit as service codes, Medicare's PFS by locality, the clinic's own.

A pure layer the cost engine imports (standard library, pydantic and :mod:`coverage.engine.money` only);
:mod:`coverage.fees.pfs_files` is its one module that reads or writes files. See
``docs/fee-schedules.md`` for the formulas and the source of every figure.
"""
