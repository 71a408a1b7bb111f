"""The discharge process in the gateway: cases in the store, the event pipeline, deadlines."""
