"""The register of artisans: enrolment, updates, search, duplicates."""
