"""Sample pages composed by the khabar project for demos and tests (no copied text)."""
