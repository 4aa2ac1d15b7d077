from django.contrib import admin

from linli.groupbuy.models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "category", "price"]
    list_filter = ["category"]
    search_fields = ["name", "aliases"]
