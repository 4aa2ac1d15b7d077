"""Per-language display formats (FORMAT_MODULE_PATH); Django looks them up by locale name."""
