"""API token pages: a signed-in user makes, lists and revokes their own tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from linli.api.forms import ApiTokenForm
from linli.api.models import ApiToken


@login_required
def tokens(request):
    context = {"tokens": ApiToken.objects.of(request.user).active(), "form": ApiTokenForm()}
    return render(request, "api/tokens.html", context)


@never_cache
@login_required
def token_create(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
        # Rendered, not redirected: the secret exists only in this response.
        return render(request, "api/token_created.html", {"token": token, "secret": secret})
    return render(request, "api/token_form.html", {"form": form})


@require_POST
@login_required
def token_revoke(request, pk):
    # Someone else's token is a 404, the same as one that does not exist.
    token = get_object_or_404(ApiToken.objects.of(request.user).active(), pk=pk)
    token.revoke()
    messages.success(request, _("已停用令牌“%(name)s”") % {"name": token.name})
    return redirect("api:tokens")
