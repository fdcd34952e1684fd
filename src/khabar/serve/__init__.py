"""The corpus on the web: a JSON API under /api/v1 and a dashboard of server-rendered pages.

Both call khabar.store.queries and nothing else for data; no SQL here. `create_app` builds the app,
`khabar serve` runs it with uvicorn.
"""
