"""Card panels: one class per kind of entity, each fed a dictionary by ``CardService``."""
