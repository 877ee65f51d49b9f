"""Tests of the views (terminal, pages, calendar)."""
