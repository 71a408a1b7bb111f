"""Discharge process domain (Lag 2017:612): events, the case, deadlines, consent, payment liability.

Pure package: standard library only; time is always passed in (``now``).
"""
