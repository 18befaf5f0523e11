from django.conf import settings


def sinergi(request):
    """Values every page needs: the language list for the switch, and the mode."""
    return {"SINERGI_PRODUCTION": settings.PRODUCTION, "LANGUAGES": settings.LANGUAGES}
