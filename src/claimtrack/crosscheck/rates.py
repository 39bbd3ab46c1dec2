"""Dated exchange rates (data/rates.yaml), used only when shown: ``RateTable.convert``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from claimtrack.errors import DataFileError

RATES_FILE = "rates.yaml"


class Rate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    base: str
    quote: str
    rate: float
    date: date
    source: str | None = None


class RatesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rates: list[Rate]


@dataclass(frozen=True)
class Conversion:
    """Multiply an amount in ``source`` by ``factor`` to get it in ``target``."""

    source: str
    target: str
    factor: float
    label: str  # "7.25 CNY per USD (2025-01-31)"


@dataclass
class RateTable:
    rates: list[Rate]

    @classmethod
    def load(cls, path: Path) -> RateTable:
        """Read and validate the rate file; a missing file is an empty table."""
        import yaml

        from claimtrack import yamltext

        if not path.exists():
            return cls([])
        try:
            data = yamltext.safe_load(path.read_text(encoding="utf-8")) or {"rates": []}
            return cls(RatesFile.model_validate(data).rates)
        except (yaml.YAMLError, ValidationError) as error:
            first = " ".join(str(error).split())[:200]
            raise DataFileError(path, f"bad rate table: {first}") from None

    def convert(self, source: str, target: str, when: date | None) -> Conversion | None:
        """The conversion from one currency to another nearest to a date, or None."""
        candidates = []
        for rate in self.rates:
            if (rate.base, rate.quote) == (source, target):
                candidates.append((rate, rate.rate))
            elif (rate.base, rate.quote) == (target, source):
                candidates.append((rate, 1 / rate.rate))
        if not candidates:
            return None
        reference = when or max(rate.date for rate, _ in candidates)
        rate, factor = min(candidates, key=lambda item: abs((item[0].date - reference).days))
        label = f"{rate.rate:g} {rate.quote} per {rate.base} ({rate.date.isoformat()})"
        return Conversion(source, target, factor, label)
