app_name = "kerawanan"

urlpatterns: list = []
