// The library name and version every message carries in context.library.
export const LIBRARY_NAME = "tandem.js";
export const LIBRARY_VERSION = "1.0.0";
