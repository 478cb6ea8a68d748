"""The REST adapter: auth (tokens, the caller) and planning (SKP)."""
