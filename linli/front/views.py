from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from linli.accounts.scope import scope_of


@login_required
def home(request):
    """The role's own start page: staff see the community, a captain their buildings,
    a resident their household."""
    scope = scope_of(request)
    return render(request, "front/home.html", {"scope": scope})
