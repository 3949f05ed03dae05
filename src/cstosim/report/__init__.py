"""Renderings of traces, tables and provisions for people: text now, more formats to come."""
