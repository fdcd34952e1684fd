"""The reading stage: a raw page becomes an Article (headline, dateline, agency, body, furniture)."""
