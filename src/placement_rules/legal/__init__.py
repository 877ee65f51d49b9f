"""Tools for legal staff: the meaning of a change, regions side by side, what a lawyer objects to.

- :mod:`.diff`: semantic diff of two rule files (:mod:`.aspects` says what is compared,
  :mod:`.wording` how it is said, :mod:`.revisions` reads a side from git, :mod:`.textconv`
  renders a file as canonical text for ``git diff``);
- :mod:`.compare`: a matrix of duties × regions;
- :mod:`.lint`: contradictions with the statute, quotes not in the source, and more;
- :mod:`.conformance`: a local routine may tighten its agreement, never loosen it;
- :mod:`.coverage`: which rules encode each duty-creating section of a source;
- :mod:`.review`: a review of a change: verdicts (skärper, lättar), scenario tests that change;
- :mod:`.impact`: which open cases get other duties, parties or due dates from a change;
- :mod:`.reports`: the reports as terminal text, Markdown, JSON or HTML.
"""
