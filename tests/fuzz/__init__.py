"""The hostile-input fuzz suite (issue 15): hypothesis generates rule-file texts, event
documents and audit inputs from valid ones, and every input is checked against one invariant
(:mod:`.invariant`). ``tests/test_fuzz.py`` runs a few thousand inputs by default; with
``PLACEMENT_RULES_FUZZ=N`` it runs N in census mode (:mod:`.census`) on every core.

A target is a name, a strategy of inputs and a runner (:mod:`.targets`); the HTTP service to
come adds its request bodies as a fourth target with the same invariant."""
