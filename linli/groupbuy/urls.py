"""Group-buying pages under /groupbuy/. Shared by the team: add your paths surgically."""

from django.urls import path

from linli.groupbuy import views_fulfil, views_jielong, views_medicine, views_orders

app_name = "groupbuy"

urlpatterns = [
    # Rounds, orders and suppliers (G1)
    path("", views_orders.round_list, name="rounds"),
    path("rounds/new/", views_orders.round_edit, name="round_new"),
    path("rounds/<int:pk>/", views_orders.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views_orders.round_edit, name="round_edit"),
    path("rounds/<int:pk>/advance/", views_orders.round_advance, name="round_advance"),
    path("rounds/<int:pk>/reopen/", views_orders.round_reopen, name="round_reopen"),
    path(
        "rounds/<int:pk>/buildings/<int:building_pk>/",
        views_orders.round_building,
        name="round_building",
    ),
    path("rounds/<int:pk>/proxy/", views_orders.order_pick, name="order_pick"),
    path(
        "rounds/<int:pk>/households/<int:household_pk>/order/",
        views_orders.order_form,
        name="order_form",
    ),
    path("orders/<int:pk>/", views_orders.order_detail, name="order"),
    path("orders/<int:pk>/cancel/", views_orders.order_cancel, name="order_cancel"),
    path("suppliers/", views_orders.supplier_list, name="suppliers"),
    path("suppliers/new/", views_orders.supplier_edit, name="supplier_new"),
    path("suppliers/<int:pk>/", views_orders.supplier_edit, name="supplier_edit"),
    # After the cut-off: tallies, purchase orders, receiving, hand-out, payments, medicine (G3)
    path("rounds/<int:pk>/fulfil/", views_fulfil.steps, name="fulfil"),
    path("rounds/<int:pk>/tally/", views_fulfil.tally_page, name="tally"),
    path("rounds/<int:pk>/po/<int:supplier_pk>/", views_fulfil.po_page, name="po"),
    path("rounds/<int:pk>/po/<int:supplier_pk>/xlsx/", views_fulfil.po_xlsx, name="po_xlsx"),
    path("rounds/<int:pk>/ordered/", views_fulfil.mark_ordered, name="mark_ordered"),
    path("rounds/<int:pk>/receive/", views_fulfil.receive, name="receive"),
    path("rounds/<int:pk>/picklist/", views_fulfil.picklist, name="picklist"),
    path("rounds/<int:pk>/handout/<int:building_pk>/", views_fulfil.handout, name="handout"),
    path("handouts/<int:pk>/", views_fulfil.handout_done, name="handout_done"),
    path("rounds/<int:pk>/payments/", views_fulfil.payments, name="payments"),
    path("payments/<int:pk>/", views_fulfil.payment_mark, name="payment_mark"),
    path("orders/<int:pk>/love/", views_fulfil.love, name="love"),
    path("orders/<int:pk>/allocation/", views_fulfil.order_allocation, name="order_allocation"),
    path("rounds/<int:pk>/medicine/", views_medicine.medicine, name="medicine"),
    path("medicine/<int:pk>/prescription/", views_medicine.prescription, name="prescription"),
    # 接龙 paste → preview → confirm (G2)
    path("jielong/", views_jielong.rounds, name="jielong_rounds"),
    path("rounds/<int:round_pk>/jielong/", views_jielong.paste, name="jielong_paste"),
    path("jielong/<int:pk>/", views_jielong.preview, name="jielong_preview"),
    path("jielong/<int:pk>/confirm/", views_jielong.confirm, name="jielong_confirm"),
    path(
        "jielong/<int:pk>/<int:n>/household/",
        views_jielong.fix_household,
        name="jielong_household",
    ),
    path("jielong/<int:pk>/<int:n>/items/<int:i>/", views_jielong.fix_item, name="jielong_item"),
    path("jielong/<int:pk>/<int:n>/skip/", views_jielong.skip, name="jielong_skip"),
]
