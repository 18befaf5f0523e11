"""Template helpers of the channel inbox."""

from django import template

from sinergi.kanal import izin

register = template.Library()


@register.filter
def punya_kotak_kanal(user) -> bool:
    """Whether the menu offers the channel inbox: only to those who have one (the inbox
    itself answers 404 to everyone else)."""
    return izin.dapat_kotak(user)
