"""The name text layer: normal forms, index tokens, phonetic keys and transliteration.

Pure Python, no Qt and no database: the search index, duplicate detection, the demo data
and the enrolment form all call it.
"""
