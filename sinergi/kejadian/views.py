"""Incident pages: intake form, triage queue, detail and transitions."""
