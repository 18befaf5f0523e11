"""Early-warning and dashboard pages (`/kejadian/peringatan/…`)."""

urlpatterns: list = []
