app_name = "regulasi"

urlpatterns: list = []
