"""Where a published announcement leaves Linli: SMS, email or a chat-group bot.

For now only a log line; the channels plug in here, so every publishing path
calls this one function and none of them needs to know which channels exist.
"""

import logging

logger = logging.getLogger("linli.notices.outbound")


def announcement_published(announcement) -> None:
    logger.info(
        "announcement %s published to %s of community %s: %s",
        announcement.pk,
        announcement.reach,
        announcement.community_id,
        announcement.title,
    )
