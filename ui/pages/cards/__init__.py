"""Part of the desktop workstation (see docs/UI.md)."""
