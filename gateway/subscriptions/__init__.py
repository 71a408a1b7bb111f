"""Topic-based FHIR Subscriptions per the R4 Subscriptions Backport IG (rest-hook only).

``channel`` (endpoint ids ``subscription/<id>``, the delivery target, the write rules), ``notifier``
(event → numbered notification in the outbox, in the pipeline's transaction), ``monitor`` (handshake,
heartbeat, end, dead letters), ``store`` (``subscription_events``, ``subscription_channels``),
``routes`` (create/update, topics as ``Basic``) and ``operations`` (``$status``, ``$events``).
The pure parts live in ``mappings.subscription_topics``, ``mappings.subscriptions`` and
``mappings.subscription_bundles``.
"""
