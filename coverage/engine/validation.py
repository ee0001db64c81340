"""Turn pydantic's validation errors into sentences a front-desk person understands."""

from __future__ import annotations

from pydantic import ValidationError

_PREFIXES = ("Value error, ", "Assertion failed, ")
_PLAIN = {
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_parsing": "must be true or false",
    "date_from_datetime_parsing": "must be a date as YYYY-MM-DD",
    "date_parsing": "must be a date as YYYY-MM-DD",
    "missing": "is required",
    "extra_forbidden": "is not a field we know",
    "string_too_short": "must not be empty",
}


def field_problems(error: ValidationError) -> list[tuple[str, str]]:
    """``[(field, plain message), ...]`` for every problem in ``error``."""
    problems = []
    for item in error.errors(include_url=False):
        field = ".".join(str(part) for part in item["loc"]) or "input"
        kind = str(item["type"])
        if kind in _PLAIN:
            message = _PLAIN[kind]
        elif kind == "greater_than_equal":
            message = f"must be {item['ctx']['ge']} or more"
        elif kind == "less_than_equal":
            message = f"must be {item['ctx']['le']} or less"
        elif kind == "string_too_long":
            message = f"must be at most {item['ctx']['max_length']} characters"
        elif kind == "enum":
            message = f"must be one of {item['ctx']['expected']}"
        else:
            message = str(item["msg"])
            for prefix in _PREFIXES:
                message = message.removeprefix(prefix)
        problems.append((field, message))
    return problems


def describe(error: ValidationError) -> str:
    """All problems of ``error`` in one line: ``'deductible: must not be negative; ...'``."""
    return "; ".join(f"{field}: {message}" for field, message in field_problems(error))
