"""One-question-per-page journeys, shared by every audience's blueprint: the questions
and their order (``questions``), and the pages that serve them (``pages``)."""
