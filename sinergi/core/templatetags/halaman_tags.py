"""The address of another page of a paginated list, keeping the list's filters."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def ke_halaman(context, nomor) -> str:
    """`?<the current filters>&page=<nomor>`: every query parameter but `page` is kept."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else None
    if params is None:
        return f"?page={nomor}"
    params["page"] = nomor
    return "?" + params.urlencode()
