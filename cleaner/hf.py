"""Cleaning a Hugging Face ``datasets.Dataset`` in place of a file: ``clean_dataset``.

For people who already hold their corpus as a Dataset (``pip install 'cleaner[hf]'``). It runs
``Dataset.map`` batched, so the cleaned column is written to the dataset's Arrow cache as batches
finish, and with ``num_proc`` worker processes (each builds its Cleaner once). A document that cannot
be cleaned (binary, too large, past the time limit) gets an empty text and its reason in
``error_field``, if one is named; the run goes on. ``config.timeout`` holds in the calling thread
whatever it is (the batch's Worker, isolate.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import CleanerError, require
from .worker import Worker

if TYPE_CHECKING:
    import datasets

_WORKERS: dict[Config, Worker] = {}  # this process's, one per Config


def require_datasets() -> None:
    """A one-line CleanerError naming the extra if ``datasets`` is not importable."""
    require("clean_dataset needs Hugging Face datasets", "hf", "datasets")


def _worker(config: Config) -> Worker:
    if config not in _WORKERS:
        _WORKERS[config] = Worker(config)
    return _WORKERS[config]


def clean_batch(batch: dict[str, list[Any]], field: str, out_field: str, config: Config,
                error_field: str | None = None) -> dict[str, list[Any]]:
    """The ``Dataset.map`` function: ``batch[field]`` cleaned into ``out_field`` (titles are not kept)."""
    worker = _worker(config)  # the batch's: the time limit holds in any thread (isolate.py)
    texts: list[str] = []
    errors: list[str | None] = []
    for doc in batch[field]:
        try:
            if not isinstance(doc, str | bytes):
                raise CleanerError(f"field {field!r} is {type(doc).__name__}, not a string")
            texts.append(worker.clean(doc, None))
            errors.append(None)
        except CleanerError as exc:
            texts.append("")
            errors.append(str(exc))
    out: dict[str, list[Any]] = {out_field: texts}
    if error_field:
        out[error_field] = errors
    return out


def clean_dataset(dataset: datasets.Dataset, field: str = "text", out_field: str | None = None,
                  config: Config | None = None, num_proc: int | None = None, batch_size: int = 64,
                  error_field: str | None = None) -> datasets.Dataset:
    """``dataset`` with ``field`` cleaned (into ``out_field``, default: ``field`` itself), the other
    columns kept; ``num_proc`` worker processes (None: this one)."""
    require_datasets()
    from datasets import Value

    features = dataset.features.copy()  # typed up front: a first batch of all-None errors is not "null"
    for name in (out_field or field, error_field):
        if name:
            features[name] = Value("string")
    kwargs = {"field": field, "out_field": out_field or field, "config": config or Config(),
              "error_field": error_field}
    return dataset.map(clean_batch, batched=True, batch_size=batch_size, num_proc=num_proc,
                       fn_kwargs=kwargs, features=features, desc="cleaning")
