"""Open records of takedown decisions: the public notice log, DSA statements of reasons, Lumen.

Everything here leaves the Legal team's hands, so everything passes through
`redact` first: no claimant's name, email, phone or postal address.
"""
