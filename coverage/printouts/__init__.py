"""Printed estimates and Good Faith Estimates as PDF bytes (fpdf2); reads only its shipped fonts.

Rule: imports the engine, the forms and the views; writes no file.
"""
