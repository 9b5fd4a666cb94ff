"""Workshop mode: a live poll on the facilitator's laptop (``make workshop``), next to the built course."""
