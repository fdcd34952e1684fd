"""Names of the environment variables `khabar serve` reads or sets (no imports: the CLI reads them
before it knows whether the serve extra is installed)."""

TOKEN_ENV = "KHABAR_TOKEN"  # the write token, when not given as --token
DB_ENV = "KHABAR_SERVE_DB"  # the store, for each process of `khabar serve --workers N`
