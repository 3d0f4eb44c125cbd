"""One module per app whose content is searchable; each registers its adapters on import."""
