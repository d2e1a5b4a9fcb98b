"""``python -m cleaner``: the same command as ``cleaner``."""

from .cli import main

raise SystemExit(main())
