"""The corpus store: articles read by the pipeline, kept in one SQLite file, deduplicated into
stories, searchable with Arabic-aware keys, and exported (see README.md beside this file).

Entry points: ingest.ingest (write), queries (every read the CLI and a web API make), export.export.
"""
