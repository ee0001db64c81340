"""The clinic's own files: the plan catalog (read, written, edited, uploaded), clinic.toml, the CMS importer.

Rule: may import the engine; the only package that reads and writes files (store, loader, clinic, importers).
"""
