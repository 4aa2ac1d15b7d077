"""One error format for every API error:

    {"error": {"code": "not_found", "message": "…", "details": [...]}}

`code` is for programs and never changes; `message` is for people, in the
caller's language (see `linli.api.language`); `details` appears only where
there is more to say, e.g. one entry per invalid field of a 422.
"""

import logging
import math

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

logger = logging.getLogger("linli.api")

# The message that goes with each code unless the raiser gives a better one.
MESSAGES = {
    "bad_request": _("请求格式不对。"),
    "not_authenticated": _("请先登录，或在 Authorization 头里附上令牌：Bearer <令牌>。"),
    "invalid_token": _("令牌不对。请检查是否完整复制，或新建一个令牌。"),
    "token_revoked": _("这个令牌已经停用。请新建一个令牌。"),
    "account_inactive": _("这个令牌所属的账号已停用。"),
    "forbidden": _("您没有权限做这件事。"),
    "csrf_failed": _("页面已过期（CSRF 校验失败）。请刷新页面后再试。"),
    "not_found": _("没有找到。它不存在，或不在您的管理范围内。"),
    "group_inactive": _("这个群的接入已停用。"),
    "wrong_group": _("这个令牌属于另一个群。"),
    "method_not_allowed": _("这个地址不支持这种请求方法。"),
    "validation_error": _("请求里有几处不对，详见 details。"),
    "throttled": _("请求太频繁了，请稍后再试。"),
    "server_error": _("服务器出错了，已记录下来。请稍后再试。"),
}

# Codes for statuses an HttpError may carry without saying more.
_CODE_OF_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "validation_error",
    429: "throttled",
}

# Pydantic's messages are English only; the common ones get ours. Each gets the
# error's `ctx` (limits and lengths) as its format arguments.
_FIELD_MESSAGES = {
    "missing": _("必须填写。"),
    "int_parsing": _("应当是整数。"),
    "int_type": _("应当是整数。"),
    "bool_parsing": _("应当是 true 或 false。"),
    "greater_than_equal": _("不能小于 %(ge)s。"),
    "less_than_equal": _("不能大于 %(le)s。"),
    "string_too_short": _("至少要 %(min_length)s 个字符。"),
    "string_too_long": _("最多 %(max_length)s 个字符。"),
    "json_invalid": _("不是有效的 JSON。"),
    # Only NO_NUL (linli.api.ids) so far: a NUL character, which nobody types.
    "string_pattern_mismatch": _("含有不允许的字符。"),
    # linli.api.ids.Moment: a time whose UTC falls outside the years 1 to 9999.
    "datetime_out_of_range": _("超出可以记录的时间范围。"),
}


class ApiError(Exception):
    """Raise from an endpoint to answer with this status and code."""

    def __init__(self, status: int, code: str, message=None, details=None, headers=None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message if message is not None else MESSAGES.get(code, code)
        self.details = details
        self.headers = headers or {}


def error_body(code, message, details=None) -> dict:
    error = {"code": code, "message": str(message)}
    if details:
        error["details"] = details
    return {"error": error}


def field_errors(errors) -> list[dict]:
    """Ninja's validation errors as details: where, what kind, and what to fix."""
    details = []
    for error in errors:
        template = _FIELD_MESSAGES.get(error.get("type"))
        try:
            message = gettext(template) % error.get("ctx", {}) if template else None
        except (KeyError, TypeError):
            message = None
        details.append(
            {
                "loc": [str(part) for part in error.get("loc", ())],
                "type": error.get("type", ""),
                "message": message or error.get("msg", ""),
            }
        )
    return details


def install(api):
    """Make `api` answer every error in the one format."""

    def respond(request, error: ApiError):
        body = error_body(error.code, error.message, error.details)
        response = api.create_response(request, body, status=error.status)
        for name, value in error.headers.items():
            response[name] = value
        return response

    def on_api_error(request, exc):
        return respond(request, exc)

    def on_not_found(request, exc):
        # The same answer for "does not exist" and "not yours": nothing leaks.
        return respond(request, ApiError(404, "not_found"))

    def on_permission_denied(request, exc):
        return respond(request, ApiError(403, "forbidden"))

    def on_not_authenticated(request, exc):
        return respond(
            request,
            ApiError(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"}),
        )

    def on_throttled(request, exc):
        headers = {"Retry-After": str(math.ceil(exc.wait))} if exc.wait else {}
        return respond(request, ApiError(429, "throttled", headers=headers))

    def on_http_error(request, exc):
        code = _CODE_OF_STATUS.get(exc.status_code, "bad_request")
        return respond(request, ApiError(exc.status_code, code))

    def on_validation_error(request, exc):
        return respond(request, ApiError(422, "validation_error", details=field_errors(exc.errors)))

    def on_unexpected(request, exc):
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        return respond(request, ApiError(500, "server_error"))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(AuthenticationError, on_not_authenticated)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(Exception, on_unexpected)
