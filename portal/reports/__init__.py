"""The read side: queue queries, the annual report and exports. Nothing here writes."""
