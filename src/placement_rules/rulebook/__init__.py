"""The rulebook: the agreements' sections with the source text beside the rules that encode
them, the dated national baseline, the duty x region matrix and a search, as a static Swedish
(or English) site (``placement-rules rulebook -o DIR``) and as pages of the service
(:mod:`.router`, at ``/rulebook``).

- :mod:`.words`: rules in sentences (conditions, deadlines, parties, terms), from their parts;
- :mod:`.sources`: the source texts' headings, sections and where a quote stands;
- :mod:`.content`: what each page shows, as plain data;
- :mod:`.site`: the pages rendered with Jinja2 (``templates/``, ``static/rulebook.css``).

The package's ``__init__`` imports nothing, so that :mod:`placement_rules.legal.reports` can use
:mod:`.words` without loading the site.
"""
