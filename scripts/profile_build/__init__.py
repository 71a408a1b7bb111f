"""The sources of ``profiles/se`` and ``profiles/discharge``; ``scripts/build_profiles.py`` writes them."""
