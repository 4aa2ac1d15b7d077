from linli.audit.context import acting_as, client_address


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        with acting_as(user, client_address(request)):
            return self.get_response(request)
