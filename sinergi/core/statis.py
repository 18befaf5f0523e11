"""Static file storage: WhiteNoise's hashed, precompressed files, forgiving before collectstatic."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StatisSinergi(CompressedManifestStaticFilesStorage):
    """`collectstatic` writes every file once under a content-hashed name with a .gz copy;
    WhiteNoise serves those with a cache lifetime of ten years (`immutable`).

    A file not collected yet (a fresh checkout, a server started without `sinergi up`) gets
    its plain URL, which WhiteNoise's finders still serve, instead of `{% static %}` raising
    and turning every page, the error pages included, into a 500. `collectstatic` itself stays
    strict: a CSS file that points at a missing file still fails it."""

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            return name
