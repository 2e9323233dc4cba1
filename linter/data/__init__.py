"""Dated reference tables (deprecated images, end-of-life runtimes) that rules consult; plain data plus lookups."""
