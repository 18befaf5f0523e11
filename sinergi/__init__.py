"""Sinergi: coordination platform for Indonesia's election organizers and stakeholders."""
