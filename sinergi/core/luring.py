"""Forms that a phone may send later: the offline queue's side of the protocol.

The page's script (`portal/luring.js`) keeps a form sent without a connection in the browser
and sends it again when the connection returns, with the header `Sinergi-Antrean: 1`. Such a
replay has no page to show, so a view decorated with `antrean_luring` answers it in JSON
when it succeeds (`{"terkirim": true, "lokasi": <where the form led>, "pesan": [...]}`; the
messages are consumed, or they would show up later on an unrelated page), and with its normal
page, e.g. 422 with the form's error messages, when it does not: the script keeps the item and
shows those messages.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.http import JsonResponse

HEADER = "Sinergi-Antrean"


def antrean_luring(view):
    """Answer a queued replay's success in JSON (see the module docstring)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method != "POST" or request.headers.get(HEADER) != "1":
            return response
        if response.status_code >= 400:
            return response
        lokasi = response.get("Location") if 300 <= response.status_code < 400 else None
        pesan = [str(m) for m in messages.get_messages(request)]
        pesan += getattr(response, "pesan_antrean", [])
        return JsonResponse({"terkirim": True, "lokasi": lokasi, "pesan": pesan})

    return wrapper
