"""Where a published announcement leaves Linli: SMS, email or a chat-group bot.

Every publishing path calls this one function; linli.outbound decides the
channels (urgent ones by SMS to the residents reached, every one to the chat
groups of its reach) and queues them for `linli send_outbound`.
"""

import logging

logger = logging.getLogger("linli.notices.outbound")


def announcement_published(announcement) -> None:
    from linli.outbound import events

    queued = events.announcement(announcement)
    logger.info(
        "announcement %s published to %s of community %s: %d messages queued",
        announcement.pk,
        announcement.reach,
        announcement.community_id,
        queued,
    )
