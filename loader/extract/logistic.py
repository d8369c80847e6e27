"""The learned decisions' one model form: logistic regression over standardised features, shipped as plain numbers
in JSON (no learning library at run time). Used by the people gate (namegate.py) and meeting participation
(participation.py); written by their training scripts with `save_logistic`."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class LogisticModel:
    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        """P(yes) for one example; a feature the example lacks counts as 0."""
        z = self.intercept + sum(c * (values.get(f, 0.0) - m) / s for f, m, s, c in
                                 zip(self.features, self.mean, self.scale, self.coef, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_logistic(path: Path) -> LogisticModel | None:
    """The model in `path`, or None when it has not been trained (the callers then fall back to rules)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return LogisticModel(data["features"], data["mean"], data["scale"], data["coef"], data["intercept"],
                         data["threshold"])


def save_logistic(path: Path, features: Sequence[str], mean: Sequence[float], scale: Sequence[float],
                  coef: Sequence[float], intercept: float, threshold: float, training: dict[str, Any],
                  shown: int = 12) -> None:
    """Writes a trained model and prints its largest weights."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = {"model": "logistic regression over standardised features (scikit-learn), trained on the dev gold",
           "features": list(features), "mean": [float(v) for v in mean], "scale": [float(v) for v in scale],
           "coef": [float(v) for v in coef], "intercept": float(intercept), "threshold": threshold,
           "training": training}
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    weights = sorted(zip(features, coef, strict=True), key=lambda item: -abs(item[1]))
    print("largest weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in weights[:shown]))
    print(f"threshold {threshold} → {path}")
