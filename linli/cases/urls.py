from django.urls import path  # noqa: F401

from linli.cases import (
    views_assign,
    views_board,
    views_cases,
    views_dashboard,
    views_handling,
    views_needs,
    views_paste,
    views_professionals,
    views_volunteers,
)

app_name = "cases"
urlpatterns = []

# Casework: the professional's list and the case page with its steps.
urlpatterns += [
    path("mine/", views_cases.mine, name="mine"),
    path("<int:pk>/", views_cases.case_detail, name="case"),
    path("<int:pk>/plan/", views_cases.plan, name="case_plan"),
    path("<int:pk>/notes/", views_cases.note, name="case_note"),
    path("<int:pk>/follow-ups/", views_cases.schedule, name="case_schedule"),
    path("follow-ups/<int:pk>/done/", views_cases.follow_up_done, name="case_follow_up_done"),
    path("<int:pk>/group/", views_cases.participant_add, name="case_participant_add"),
    path("group/<int:pk>/remove/", views_cases.participant_remove, name="case_participant_remove"),
    path("<int:pk>/close/", views_cases.close, name="case_close"),
    path("<int:pk>/reopen/", views_cases.reopen, name="case_reopen"),
]

# Volunteers: the task board (a volunteer's home) and the registry.
urlpatterns += [
    path("board/", views_board.board, name="board"),
    path("board/new/", views_board.task_new, name="task_new"),
    path("board/<int:pk>/claim/", views_board.claim, name="task_claim"),
    path("board/<int:pk>/release/", views_board.release, name="task_release"),
    path("board/<int:pk>/done/", views_board.complete, name="task_done"),
    path("board/<int:pk>/call/", views_board.call_number, name="task_call"),
    path("board/<int:pk>/assign/", views_board.assign, name="task_assign"),
    path("board/<int:pk>/cancel/", views_board.cancel, name="task_cancel"),
    path("board/places/<int:pk>/", views_board.place_task, name="place_task"),
    path("needs/<int:pk>/task/", views_board.need_task, name="need_task"),
    path("volunteers/", views_volunteers.volunteer_list, name="volunteers"),
    path("volunteers/new/", views_volunteers.volunteer_add, name="volunteer_add"),
    path("volunteers/<int:pk>/", views_volunteers.volunteer_edit, name="volunteer_edit"),
]

# Needs: intake from every channel, the list and a need's page.
urlpatterns += [
    path("needs/", views_needs.need_list, name="needs"),
    path("needs/new/", views_needs.need_new, name="need_new"),
    path("needs/phone/", views_needs.need_phone, name="need_phone"),
    path("needs/phone/<int:household_pk>/", views_needs.need_phone_form, name="need_phone_form"),
    path("needs/paste/", views_paste.need_paste, name="need_paste"),
    path("needs/<int:pk>/", views_needs.need_detail, name="need"),
    path("needs/<int:pk>/done/", views_needs.need_done, name="need_done"),
]

# Staff handling a need without a case: responded, close, reopen; withdrawing it.
urlpatterns += [
    path("needs/<int:pk>/responded/", views_handling.responded, name="need_responded"),
    path("needs/<int:pk>/close/", views_handling.close, name="need_close"),
    path("needs/<int:pk>/reopen/", views_handling.reopen, name="need_reopen"),
    path("needs/<int:pk>/withdraw/", views_handling.withdraw, name="need_withdraw"),
]

# Matching: offering needs to professionals, their answers, and the registry.
urlpatterns += [
    path("needs/<int:pk>/offer/", views_assign.offer, name="need_offer"),
    path("needs/<int:pk>/refer/", views_assign.refer, name="need_refer"),
    path("offers/", views_assign.offers, name="offers"),
    path("offers/<int:pk>/accept/", views_assign.accept, name="offer_accept"),
    path("offers/<int:pk>/decline/", views_assign.decline, name="offer_decline"),
    path("professionals/", views_professionals.professional_list, name="professionals"),
    path("professionals/new/", views_professionals.professional_add, name="professional_add"),
    path(
        "professionals/<int:pk>/", views_professionals.professional_edit, name="professional_edit"
    ),  # fmt: skip
]

# The supervisor dashboard: open needs by priority, overdue ones, loads, response times.
urlpatterns += [path("dashboard/", views_dashboard.dashboard, name="dashboard")]
