"""Reading a payer's eligibility response (X12 271, version 005010X279A1) into the estimate's figures.

A small tokenizer (:mod:`~coverage.eligibility.x12_text`) and the guide's loops written as data
(:mod:`~coverage.eligibility.loop_table`) give a tree of loops (:mod:`~coverage.eligibility.loop_tree`).
"""
