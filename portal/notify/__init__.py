"""Email: messages are queued in the outbox with the change that caused them, and sent by
``flask outbox send``, so nothing is sent for a change that did not commit."""
