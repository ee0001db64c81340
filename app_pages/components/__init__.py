"""The pieces the pages are drawn from: inputs, results, the catalog editor, staff access, shared helpers."""
