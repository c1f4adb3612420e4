"""``python -m desktop.cli``: the same ``main`` as ``briefdesk`` (one module, one UsageError)."""

from desktop.cli import main

raise SystemExit(main())
