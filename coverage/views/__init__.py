"""What the pages show, worked out: the overview, the front-desk panel, the timeline, explanations, summaries.

Rule: imports the engine and the forms; returns plain models and text; no I/O.
"""
