"""Pure analysis over figures and memberships. No SQL, no Qt.

``shares`` and ``series`` (a world total's shares, newest publication per year), ``stages`` (which
series stands for a stage), ``concentration`` (top-1, top-3, HHI and its 2023 band), ``blocs``
(membership on a date, bloc against China), ``stress`` (a supplier or bloc offline, or allies
only), ``exposure`` (reserves against output, the US import view); ``workbench`` gathers the
figures through a reference reader and answers for the CLI, cards, dashboard and memo blocks.
"""
