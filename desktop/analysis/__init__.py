"""Pure functions over figures: shares, ranks, concentration. No SQL, no Qt."""
