"""Notices about needs. One function per event, so the channels (SMS, email, a
webhook) can be wired in one place without touching the code that calls them."""

import logging

logger = logging.getLogger(__name__)


def need_escalated(need) -> None:
    """A need passed its response deadline with no first response: tell the
    supervisors serving its community (e-mail, SMS) and the community's chat
    group (linli.outbound). Never the need's text, which the channels'
    recipients may not be allowed to read; P1 is sent at once."""
    from linli.outbound import events

    queued = events.need_overdue(need)
    logger.warning(
        "need %s escalated: priority P%s, due %s, community %s, %d messages queued",
        need.pk,
        need.priority,
        need.due_at.isoformat(),
        need.household.building.compound.community_id,
        queued,
    )
