"""``python -m desktop`` runs the same command as the ``briefdesk`` console script."""

from desktop.cli import main

raise SystemExit(main())
