from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class BahasaMiddleware(LocaleMiddleware):
    """Indonesian first: the language is Indonesian unless the user chose another one.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which gives English
    pages to the many officials whose phones are set to English. Here only an explicit choice
    (the language switch's cookie) changes the language.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
