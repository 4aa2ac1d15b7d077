from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts import otp
from linli.accounts.forms import CodeForm, LanguageForm, PhoneForm
from linli.accounts.models import ip_or_none
from linli.audit.context import client_address
from linli.community.phone import mask_phone

# The phone between "send me a code" and "here is the code".
PHONE_KEY = "linli_otp_phone"
LANGUAGE_KEY = "linli_language"


def _is_safe(request, url) -> bool:
    # Only back into this site: a "next" pointing elsewhere is a phishing aid.
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request):
    url = request.POST.get("next") or request.GET.get("next")
    return url if _is_safe(request, url) else None


def _with_next(name, request):
    url = reverse(name)
    next_url = safe_next(request)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def phone_login(request):
    form = PhoneForm(request.POST or None)
    if form.is_valid():
        try:
            address = ip_or_none(client_address(request))
            phone = otp.request_code(form.cleaned_data["phone"], address)
        except otp.OtpRefused as refusal:
            form.add_error("phone", refusal.message)
        else:
            request.session[PHONE_KEY] = phone
            messages.info(request, otp.sent_message())
            return redirect(_with_next("accounts:phone_verify", request))
    return render(request, "accounts/phone_login.html", {"form": form, "next": safe_next(request)})


def phone_verify(request):
    phone = request.session.get(PHONE_KEY)
    if not phone:
        messages.info(request, _("请先填写手机号获取验证码。"))
        return redirect(_with_next("accounts:phone_login", request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            user = otp.verify_code(phone, form.cleaned_data["code"])
        except otp.OtpRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            del request.session[PHONE_KEY]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
    context = {"form": form, "phone": phone, "masked_phone": mask_phone(phone)}
    return render(request, "accounts/phone_verify.html", context | {"next": safe_next(request)})


@require_POST
def language(request):
    form = LanguageForm(request.POST)
    if form.is_valid():
        choice = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.choose_language(choice)
        else:
            request.session[LANGUAGE_KEY] = choice
    referer = request.META.get("HTTP_REFERER")
    return redirect(safe_next(request) or (referer if _is_safe(request, referer) else "/"))
