"""Tests of the web page for people (placement_rules.web)."""
