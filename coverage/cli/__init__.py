"""The command line: ``python -m coverage estimate | compare | import-cms``.

Rule: an entry point; may import every layer and do I/O (read files, print).
"""
