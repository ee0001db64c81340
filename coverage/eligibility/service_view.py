"""Gather the figures of a response per service type and network (:class:`ServiceBenefits`).

A field takes the value its figures agree on; figures that disagree leave it empty and name it in
``disagreements``, so nothing is picked silently.
"""

from __future__ import annotations

from collections import defaultdict

from coverage.eligibility.benefits import BenefitLine, Figure, Network, ServiceBenefits


def services(figures: tuple[Figure, ...], lines: tuple[BenefitLine, ...]) -> tuple[ServiceBenefits, ...]:
    """One :class:`ServiceBenefits` per service type and network that any figure names, in file order."""
    grouped: dict[tuple[str, Network], list[Figure]] = defaultdict(list)
    for figure in figures:
        grouped[figure.service_type, figure.network].append(figure)
    result = []
    for (service_type, network), found in grouped.items():
        values: dict[str, set[object]] = defaultdict(set)
        for figure in found:
            values[figure.field].add(figure.value)
        agreed = {name: next(iter(seen)) for name, seen in values.items() if len(seen) == 1}
        said = tuple(m for line in lines if service_type in line.service_types for m in line.messages)
        result.append(
            ServiceBenefits.model_validate(
                {
                    "service_type": service_type,
                    "network": network,
                    **agreed,
                    "messages": tuple(dict.fromkeys(said)),
                    "disagreements": tuple(sorted(name for name, seen in values.items() if len(seen) > 1)),
                }
            )
        )
    return tuple(result)
