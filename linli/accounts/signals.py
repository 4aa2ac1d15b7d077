"""Carry a language picked on the sign-in page into the account that signs in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from linli.accounts.views import LANGUAGE_KEY


@receiver(user_logged_in, dispatch_uid="linli.accounts.adopt_session_language")
def adopt_session_language(sender, request, user, **kwargs):
    # Someone who switched the sign-in page to English and then signs in should
    # not land in Chinese; a language the user chose themselves still wins.
    user.adopt_language(request.session.get(LANGUAGE_KEY))
