"""Arabic facts every stage uses: letter classes, normalisation, calendars."""
