"""The text layer: sentences and tokens as offsets into the body (the text is never rewritten)."""
