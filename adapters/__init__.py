"""Adapters: the external wire contracts (pure codecs). The two adapters never import each other."""
