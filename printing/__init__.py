"""Printing: card proofs, provisional badges, enrolment receipts and A4 sheets, as PDF.

Plain functions, no Qt, callable off the UI thread (one batch at a time):

- ``printing.jobs.make_pdf(ws, kind, keys, imposed=, fmt=, progress=, cancel=) -> bytes``
  and ``write_pdf(path, data)``: what the CLI (``mihani print``) and the UI call;
- ``printing.model.collect(ws, keys, ...)`` then ``printing.documents.proofs / badges /
  receipts / render(views, ...)``: the two halves, when the caller wants them apart
  (collect on a thread that may read the store, draw anywhere);
- ``app.issuer.demo_issuer(ws)`` / ``demo_trust(ws)``: the laptop's demo
  signer and what verifies its codes, until device registration exists.

See docs/PRINTING.md.
"""
