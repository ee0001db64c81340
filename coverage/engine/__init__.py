"""The cost engine: plans, the plan of care, the visit-by-visit projection and the catalog-wide ranking.

Rule: imports only the standard library, pydantic and this package (numpy only in the vectorised
catalog engine: plan_table, catalog_projection, plan_ranking). No I/O.
"""
