"""The estimate form: what a person types or a share link carries, read into an estimate request.

Rule: imports the engine and the catalog's pure row helpers; no I/O.
"""
