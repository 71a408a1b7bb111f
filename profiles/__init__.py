"""Profiles: FHIR definitions as data plus pure validators compiled from them.

Pure package: takes dicts, returns ``list[Issue]``. No network, disk, clock or environment;
``gateway`` loads the data files and hands them in.
"""
